/* Progressive enhancements for the reading view. Everything works without this file:
   a note marker is a plain link to its note (which links back), and the view switch
   is a plain link that reloads the page.

   With it:
   - on a wide screen with a fine pointer, a marker's note also shows in a popover on
     hover and on keyboard focus. It can be hovered, stays while the marker is hovered
     or focused, and Escape closes it (WCAG 1.4.13). It never takes focus.
   - on a phone (narrow viewport or coarse pointer), tapping a marker opens its note in
     a bottom sheet over the text instead of jumping away; Close, Escape or a tap on the
     backdrop closes it and focus returns to the marker.
   - the sticky bars are measured, so that scroll-padding keeps whatever a link or Tab
     focuses clear of them (WCAG 2.4.11).
   - switching between reading and diplomatic text through htmx keeps the reader's
     place, the focus on the switch, and the permalink in the URL.
   - a page scan gets buttons to zoom and pan it, and keeps its zoom across that switch.
   - a page's transcription pane follows the passage being read (or aimed at by a
     permalink, or holding the focus) and marks its block, unless the reader is using it.

   Listeners are delegated to the document, so text swapped in by htmx needs no
   rebinding: after a swap only the measurements and the permalink highlight are redone.
   No inline script or style is used (strict CSP); positions are set through the CSSOM. */
(function () {
  "use strict";

  const MARKER = "a.noteref[data-note]";
  // Links to persons, terms and places: their short identification shows the same way.
  const ENTITY = "a.entity[title], a.entity[data-ident]";
  const GLANCEABLE = MARKER + ", " + ENTITY;
  const BACKLINK = '[role="doc-backlink"]';
  const phone = window.matchMedia("(max-width: 52rem), (pointer: coarse)");
  const canPopover = typeof HTMLElement.prototype.showPopover === "function";
  const canDialog = typeof window.HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype;

  /* ---- Notes ---------------------------------------------------------------- */

  function closestIn(event, selector) {
    return event.target instanceof Element ? event.target.closest(selector) : null;
  }

  function noteOf(marker) {
    const note = document.getElementById(marker.dataset.note);
    if (!note) return null;
    const text = (selector) => (note.querySelector(selector) || {}).textContent || "";
    const kind = (note.className.match(/\bnote--([\w-]+)/) || [])[1] || "";
    return { element: note, id: note.id, number: text(".note-number").trim() || marker.textContent.trim(), label: text(".note-kind").trim(), kind: kind };
  }

  // A copy of what the note says, for the popover or the sheet: its head, the OCR reading
  // and its body; not its back link nor an editor's controls. Ids stay unique to the note.
  const NOTE_CONTENT = ".note-head, .ocr-detail, .note-body";

  function copyOfNote(note, withHead) {
    const copy = document.createDocumentFragment();
    for (const child of note.element.children) {
      if (!child.matches(NOTE_CONTENT) || (!withHead && child.matches(".note-head"))) continue;
      const part = child.cloneNode(true);
      part.removeAttribute("id");
      part.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      copy.append(part);
    }
    return copy;
  }

  // Where the popover and the sheet live in the DOM: inside the main landmark, with the
  // text they belong to (the top layer puts them on screen wherever they are).
  function landmark() {
    return document.querySelector("main") || document.body;
  }

  /* ---- Popover (wide screens) ---------------------------------------------- */

  let popover = null; // created on first use
  let popoverMarker = null; // the marker the open popover describes
  let dismissed = null; // a marker whose popover stays shut until it is left (Escape, or just followed)
  let hideTimer = 0;

  function popoverElement() {
    if (popover && popover.isConnected) return popover;
    popover = document.createElement("div");
    popover.id = "note-popover";
    popover.className = "note-popover";
    // A tooltip describing its marker: the marker keeps its name ("Note 3") and the
    // note's text becomes its description. The link is for pointer users; keyboard
    // users follow the marker itself.
    popover.setAttribute("role", "tooltip");
    popover.innerHTML = '<div class="note-popover-text" id="note-popover-text"></div>' + '<p class="note-popover-go"><a tabindex="-1"></a></p>';
    if (canPopover) popover.setAttribute("popover", "manual");
    else popover.hidden = true;
    popover.addEventListener("pointerenter", cancelHide);
    popover.addEventListener("pointerleave", scheduleHide);
    popover.querySelector(".note-popover-go a").addEventListener("click", hidePopover);
    landmark().append(popover);
    return popover;
  }

  function popoverIsOpen() {
    return Boolean(popoverMarker && popover && popover.isConnected);
  }

  // What an entity link's popover says: its name, kind and identification. The title
  // attribute (the no-JavaScript hint) moves to data-ident, so no native tooltip doubles it.
  function entityOf(link) {
    if (link.hasAttribute("title")) {
      link.dataset.ident = link.title;
      link.removeAttribute("title");
    }
    const [name, ...rest] = link.dataset.ident.split(": ");
    const kind = (link.className.match(/\bentity--([\w-]+)/) || [])[1] || "entry";
    const head = document.createElement("p");
    head.className = "note-head";
    const strong = document.createElement("strong");
    strong.textContent = name;
    const label = document.createElement("span");
    label.className = "note-kind";
    label.textContent = " " + kind;
    head.append(strong, label);
    const body = document.createElement("p");
    body.textContent = rest.join(": ");
    return { kind: "entity", parts: [head, body], href: link.getAttribute("href"), go: "Go to the entry for " + name };
  }

  function showPopover(marker) {
    cancelHide();
    if (popoverMarker === marker && popoverIsOpen()) return;
    const isEntity = marker.matches(ENTITY);
    const note = isEntity ? null : noteOf(marker);
    if (!isEntity && !note) return;
    hidePopover();
    const element = popoverElement();
    const text = element.querySelector(".note-popover-text");
    const go = element.querySelector(".note-popover-go a");
    if (isEntity) {
      const entity = entityOf(marker);
      text.replaceChildren(...entity.parts);
      go.href = entity.href;
      go.textContent = entity.go;
    } else {
      text.replaceChildren(copyOfNote(note, true));
      go.href = "#" + note.id;
      go.textContent = "Go to note " + note.number;
    }
    element.className = "note-popover note-popover--" + (isEntity ? "entity" : note.kind || "note");
    marker.setAttribute("aria-describedby", text.id);
    popoverMarker = marker;
    if (canPopover) element.showPopover();
    else element.hidden = false;
    placePopover(element, marker);
  }

  function hidePopover() {
    cancelHide();
    if (popoverMarker) popoverMarker.removeAttribute("aria-describedby");
    popoverMarker = null;
    if (!popover) return;
    if (!canPopover) popover.hidden = true;
    else if (popover.matches(":popover-open")) popover.hidePopover();
  }

  // Below the marker, or above it when there is no room below; never off the side.
  // The popover is absolutely positioned against the document, so it scrolls with the text.
  function placePopover(element, marker) {
    const box = marker.getBoundingClientRect();
    const gap = 6;
    const width = element.offsetWidth;
    const height = element.offsetHeight;
    const viewportWidth = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(box.left, viewportWidth - width - 8));
    let top = box.bottom + gap;
    if (top + height > window.innerHeight - 8 && box.top - gap - height >= stickyBottom()) top = box.top - gap - height;
    element.style.left = left + window.scrollX + "px";
    element.style.top = top + window.scrollY + "px";
  }

  function cancelHide() {
    window.clearTimeout(hideTimer);
  }

  // A short grace period lets the pointer travel from the marker onto the popover.
  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(function () {
      const marker = popoverMarker;
      if (!marker) return;
      if (marker.matches(":hover") || marker === document.activeElement || (popover && popover.matches(":hover"))) return;
      hidePopover();
    }, 300);
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch" || phone.matches) return;
    const marker = closestIn(event, GLANCEABLE);
    if (marker && marker !== dismissed) showPopover(marker);
  });

  document.addEventListener("pointerout", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    if (!marker || marker.contains(event.relatedTarget)) return;
    if (dismissed === marker && marker !== document.activeElement) dismissed = null;
    if (popoverMarker === marker) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    // Keyboard focus only: a mouse click focuses the link too, but hover already showed it.
    if (marker && !phone.matches && marker !== dismissed && marker.matches(":focus-visible")) showPopover(marker);
  });

  document.addEventListener("focusout", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    if (!marker) return;
    if (marker.matches(":hover")) return;
    if (dismissed === marker) dismissed = null;
    if (popoverMarker === marker) hidePopover();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !popoverIsOpen()) return;
    dismissed = popoverMarker;
    hidePopover();
  });

  window.addEventListener("resize", hidePopover);

  /* ---- Bottom sheet (phones) ------------------------------------------------ */

  let sheet = null; // created on first use
  let sheetMarker = null;
  let sheetReturnsFocus = true;

  function sheetElement() {
    if (sheet && sheet.isConnected) return sheet;
    sheet = document.createElement("dialog");
    sheet.id = "note-sheet";
    sheet.className = "note-sheet";
    sheet.setAttribute("aria-labelledby", "note-sheet-title");
    sheet.innerHTML =
      '<div class="note-sheet-bar"><h2 class="note-sheet-title" id="note-sheet-title"></h2>' +
      '<button type="button" class="note-sheet-close"><span aria-hidden="true">×</span> Close</button></div>' +
      '<div class="note-sheet-body"></div>' +
      '<p class="note-sheet-go"><a></a></p>';
    sheet.querySelector(".note-sheet-close").addEventListener("click", closeSheet);
    sheet.querySelector(".note-sheet-go a").addEventListener("click", function () {
      // The link takes focus to the note itself, so the marker must not take it back.
      sheetReturnsFocus = false;
      closeSheet();
    });
    sheet.addEventListener("click", function (event) {
      // A tap on the backdrop lands on the dialog element, outside its box.
      if (event.target !== sheet) return;
      const box = sheet.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) closeSheet();
    });
    sheet.addEventListener("close", function () {
      if (sheetReturnsFocus && sheetMarker && sheetMarker.isConnected) sheetMarker.focus({ preventScroll: true });
      sheetMarker = null;
    });
    landmark().append(sheet);
    return sheet;
  }

  function openSheet(marker) {
    const note = noteOf(marker);
    if (!note) return false;
    const element = sheetElement();
    if (element.open) element.close();
    element.querySelector(".note-sheet-title").textContent = "Note " + note.number + (note.label ? ", " + note.label : "");
    element.querySelector(".note-sheet-body").replaceChildren(copyOfNote(note, false));
    const go = element.querySelector(".note-sheet-go a");
    go.href = "#" + note.id;
    go.textContent = "Go to note " + note.number + " in the notes";
    sheetMarker = marker;
    sheetReturnsFocus = true;
    element.showModal(); // Escape closes a modal dialog natively (then "close" fires)
    return true;
  }

  function closeSheet() {
    if (sheet && sheet.open) sheet.close();
  }

  phone.addEventListener("change", function () {
    hidePopover();
    closeSheet();
  });

  /* ---- Following a note and coming back ------------------------------------ */

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const backlink = closestIn(event, BACKLINK);
    if (backlink) {
      // Focus is going back to the marker: do not pop the note just read over the text again.
      dismissed = document.getElementById(backlink.hash.slice(1));
      return;
    }
    const marker = closestIn(event, MARKER);
    if (!marker) return;
    if (phone.matches && canDialog) {
      if (openSheet(marker)) event.preventDefault();
      return;
    }
    // The link moves focus to the note; the popover would only cover it.
    dismissed = marker;
    hidePopover();
  });

  /* ---- Sticky bars and focus ----------------------------------------------- */

  // The CSS estimates the sticky bars' heights; measure them, so that scroll-padding
  // (and the sticky facsimile) clear them even when the header wraps.
  const bars = typeof ResizeObserver === "function" ? new ResizeObserver(measureBars) : null;

  function measureBars() {
    const root = document.documentElement.style;
    const header = document.querySelector(".site-header");
    const viewSwitch = document.querySelector(".view-switch");
    root.setProperty("--header-height", (header ? header.offsetHeight : 0) + "px");
    root.setProperty("--switch-height", (viewSwitch ? viewSwitch.offsetHeight : 0) + "px");
    if (reading) followReading(); // the reading line moves with the bars
  }

  function observeBars() {
    measureBars();
    if (!bars) return;
    bars.disconnect();
    document.querySelectorAll(".site-header, .view-switch").forEach((element) => bars.observe(element));
  }

  // Where the sticky bars end on screen (0 when they are not sticky or scrolled away).
  function stickyBottom() {
    let bottom = 0;
    document.querySelectorAll(".site-header, .view-switch").forEach(function (element) {
      const position = getComputedStyle(element).position;
      if (position === "sticky" || position === "fixed") bottom = Math.max(bottom, element.getBoundingClientRect().bottom);
    });
    return bottom;
  }

  /* ---- Permalinks ----------------------------------------------------------- */

  // :target only applies to the element a navigation aimed at; text swapped in later
  // (another view) gets the same highlight through a class.
  function markTarget() {
    document.querySelectorAll(".is-target").forEach((element) => element.classList.remove("is-target"));
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && !target.matches(":target")) target.classList.add("is-target");
  }

  window.addEventListener("hashchange", markTarget);

  /* ---- Zooming into a page image ------------------------------------------- */

  // Without this file a scan fits its pane and the pane scrolls. With it, each scan gets
  // buttons to zoom and pan (WCAG 2.5.7: nothing needs dragging), and sits in a focusable
  // scroll region that arrow keys scroll too. The zoom level lives in a data attribute
  // that the stylesheet turns into a width, so no inline style is needed (strict CSP) and
  // htmx's history snapshots keep it. Clicks are delegated like the rest of this file.
  const ZOOMS = [100, 150, 200, 300, 400]; // per cent of the pane's width; 100 fits it
  const PAN_STEP = 0.4; // of the visible part, so that some of what was seen stays in view

  const PAN = {
    left: { label: "Pan left", symbol: "←", x: -1, y: 0 },
    up: { label: "Pan up", symbol: "↑", x: 0, y: -1 },
    down: { label: "Pan down", symbol: "↓", x: 0, y: 1 },
    right: { label: "Pan right", symbol: "→", x: 1, y: 0 },
  };

  function zoomButton(action, symbol, text, name) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "facsimile-button";
    button.dataset.facsimile = action;
    // The name begins with the visible words (WCAG 2.5.3) and says which page it acts on.
    button.setAttribute("aria-label", name);
    if (symbol) {
      const icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = symbol;
      button.append(icon, text ? " " : "");
    }
    button.append(text);
    return button;
  }

  function enhanceFacsimiles(root) {
    root.querySelectorAll("figure.facsimile").forEach(function (figure) {
      const image = figure.querySelector(":scope > img");
      if (!image || figure.querySelector(".facsimile-tools")) return; // none, or done already
      const heading = figure.closest(".page") && figure.closest(".page").querySelector(".page-heading");
      const page = heading ? heading.textContent.trim().replace(/^Page/, "page") : "this page";

      const view = document.createElement("div");
      view.className = "facsimile-view";
      view.dataset.zoom = "100";
      view.tabIndex = 0; // keyboard users scroll the zoomed scan with the arrow keys
      view.setAttribute("role", "region");
      view.setAttribute("aria-label", "Scan of " + page + ", scrollable");
      image.replaceWith(view);
      view.append(image);

      const tools = document.createElement("div");
      tools.className = "facsimile-tools";
      tools.setAttribute("role", "group");
      tools.setAttribute("aria-label", "Zoom and pan the scan of " + page);
      tools.append(
        zoomButton("in", "+", "Zoom in", "Zoom in on " + page),
        zoomButton("out", "−", "Zoom out", "Zoom out of " + page),
        zoomButton("fit", "", "Fit", "Fit " + page + " to the pane")
      );
      for (const [direction, pan] of Object.entries(PAN)) tools.append(zoomButton(direction, pan.symbol, "", pan.label + " on " + page));
      const status = document.createElement("p");
      status.className = "facsimile-zoom";
      status.setAttribute("role", "status"); // polite: the new level is read out after the click
      tools.append(status);
      figure.classList.add("facsimile--zoomable");
      figure.insertBefore(tools, view);
      showZoom(figure, view);
    });
  }

  function showZoom(figure, view) {
    const zoom = Number(view.dataset.zoom);
    figure.querySelector(".facsimile-zoom").textContent = "Zoom " + zoom + "%";
    // At a limit the button stays focusable (a disabled one would drop the focus) but says so.
    figure.querySelector('[data-facsimile="in"]').setAttribute("aria-disabled", String(zoom >= ZOOMS[ZOOMS.length - 1]));
    figure.querySelector('[data-facsimile="out"]').setAttribute("aria-disabled", String(zoom <= ZOOMS[0]));
  }

  // Zooms about the middle of what is in view, so the detail being read stays there.
  function setZoom(figure, view, zoom) {
    const middleX = (view.scrollLeft + view.clientWidth / 2) / view.scrollWidth;
    const middleY = (view.scrollTop + view.clientHeight / 2) / view.scrollHeight;
    view.dataset.zoom = String(zoom);
    view.scrollLeft = middleX * view.scrollWidth - view.clientWidth / 2;
    view.scrollTop = middleY * view.scrollHeight - view.clientHeight / 2;
    showZoom(figure, view);
  }

  document.addEventListener("click", function (event) {
    const button = closestIn(event, ".facsimile-tools [data-facsimile]");
    if (!button) return;
    const figure = button.closest("figure.facsimile");
    const view = figure.querySelector(".facsimile-view");
    const action = button.dataset.facsimile;
    const level = ZOOMS.indexOf(Number(view.dataset.zoom));
    if (action === "in" && level < ZOOMS.length - 1) setZoom(figure, view, ZOOMS[level + 1]);
    else if (action === "out" && level > 0) setZoom(figure, view, ZOOMS[level - 1]);
    else if (action === "fit") {
      setZoom(figure, view, ZOOMS[0]);
      view.scrollTo(0, 0);
    } else if (PAN[action]) view.scrollBy(PAN[action].x * view.clientWidth * PAN_STEP, PAN[action].y * view.clientHeight * PAN_STEP);
  });

  // The other view shows the same scans: a reader comparing a zoomed detail with the
  // text keeps the zoom and the place in the scan when switching.
  function scanPlaces() {
    const places = new Map();
    document.querySelectorAll("#document-text .page .facsimile-view").forEach(function (view) {
      places.set(view.closest(".page").id, { zoom: view.dataset.zoom, left: view.scrollLeft, top: view.scrollTop });
    });
    return places;
  }

  function restoreScanPlaces(places) {
    places.forEach(function (place, pageId) {
      const section = document.getElementById(pageId);
      const view = section && section.querySelector(".facsimile-view");
      if (!view) return;
      view.dataset.zoom = place.zoom;
      view.scrollTo(place.left, place.top);
      showZoom(view.closest("figure.facsimile"), view);
    });
  }

  /* ---- Switching views with htmx ------------------------------------------- */

  function isDocumentText(element) {
    return element instanceof Element && element.id === "document-text";
  }

  // The passage the reader is looking at, and where it stands on screen: the first one
  // that begins below the sticky bars, else the one that fills the screen.
  function readingPlace() {
    const top = stickyBottom();
    const active = document.activeElement;
    const place = { id: null, top: 0, switchHadFocus: Boolean(active && active.closest && active.closest(".view-switch")) };
    let covering = null;
    for (const passage of document.querySelectorAll("#document-text .passage")) {
      const box = passage.getBoundingClientRect();
      if (box.bottom <= top) continue;
      if (box.top >= top - 1 && box.top < window.innerHeight) {
        covering = passage;
        break;
      }
      if (!covering) covering = passage;
      if (box.top >= window.innerHeight) break;
    }
    if (covering) {
      place.id = covering.id;
      place.top = covering.getBoundingClientRect().top;
    }
    return place;
  }

  let placeBeforeSwap = null;
  let scansBeforeSwap = new Map();

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!isDocumentText(event.detail.target)) return;
    hidePopover();
    closeSheet();
    placeBeforeSwap = readingPlace();
    scansBeforeSwap = scanPlaces();
  });

  // After settling, not swapping: htmx gives the new #document-text the old one's class
  // until it settles, and the class (view-reading or view-diplomatic) changes the layout.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!isDocumentText(event.target)) return;
    const place = placeBeforeSwap;
    placeBeforeSwap = null;
    observeBars();
    markTarget();
    enhanceFacsimiles(event.target);
    restoreScanPlaces(scansBeforeSwap);
    scansBeforeSwap = new Map();
    followReading();
    if (!place) return;
    // The same passage at the same height: the reader keeps their place in the other view.
    const passage = place.id && document.getElementById(place.id);
    if (passage) window.scrollBy(0, passage.getBoundingClientRect().top - place.top);
    // The link that had focus was replaced; give focus to its successor, the current view.
    if (place.switchHadFocus) {
      const current = event.target.querySelector('.view-switch [aria-current="page"]');
      if (current) current.focus({ preventScroll: true });
    }
  });

  // The URL keeps the view (?view=) and the permalink (#xml-id) both.
  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    const history = event.detail.history;
    if (history && window.location.hash && history.path.indexOf("#") === -1) history.path += window.location.hash;
  });

  // htmx snapshots the page for its history cache: leave out what this file added.
  document.addEventListener("htmx:beforeHistorySave", function () {
    hidePopover();
    closeSheet();
    [popover, sheet].forEach((element) => element && element.remove());
    document.querySelectorAll(".transcription .is-current").forEach((element) => element.classList.remove("is-current"));
  });

  document.addEventListener("htmx:historyRestore", function () {
    observeBars();
    markTarget();
    enhanceFacsimiles(document);
    checkScans(document);
    followReading();
  });

  /* ---- The transcription pane follows the reading ---------------------------- */
  // A page without a scan shows its transcription in a sticky pane that scrolls by
  // itself. As the reader goes down the page's text, the pane brings the block of the
  // passage at the top of the reading area into view and marks it (as EVT and TEI
  // Publisher do). It only ever scrolls the pane: never the window, never the focus; and
  // it leaves the pane alone while the reader uses it (focus in it, or a wheel, touch,
  // pointer or key in it less than USING_PANE ms ago).
  //
  // An IntersectionObserver watches the text's passages against a band running from the
  // reading line (where a permalink puts a passage's top, just below the sticky bars) to
  // the bottom of the window: the passage being read is the first one that reaches below
  // that line. Only the crossings of the band's edges cost anything; no scroll listener.
  const USING_PANE = 2000;
  const HOLD_EXPLICIT = 1000; // a permalink or the focus chose the passage: the band waits
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const CURRENT = "is-current";
  let reading = null; // { observer, line, passages (in document order), inBand (a Set) }
  let explicitUntil = 0;
  const paneUsedAt = new WeakMap();

  function paneOf(passage) {
    const page = passage.closest(".page");
    return page && page.querySelector("figure.facsimile > .transcription");
  }

  function blockOf(pane, passage) {
    return Array.from(pane.querySelectorAll("[data-passage]")).find((block) => block.dataset.passage === passage.id) || null;
  }

  // The pane only follows where it stands beside the text (sticky), not on a phone.
  function paneFollows(pane) {
    return getComputedStyle(pane.closest("figure.facsimile")).position === "sticky";
  }

  function paneInUse(pane) {
    return pane.contains(document.activeElement) || performance.now() - (paneUsedAt.get(pane) || -Infinity) < USING_PANE;
  }

  function followPassage(passage) {
    const pane = passage && paneOf(passage);
    const block = pane && blockOf(pane, passage);
    if (!block || block.classList.contains(CURRENT) || !paneFollows(pane)) return;
    document.querySelectorAll(".transcription ." + CURRENT).forEach((element) => element.classList.remove(CURRENT));
    block.classList.add(CURRENT); // the mark shows even in a pane the reader is using
    if (paneInUse(pane)) return;
    const paneBox = pane.getBoundingClientRect();
    const box = block.getBoundingClientRect();
    if (box.top >= paneBox.top && box.bottom <= paneBox.bottom) return; // in view already: keep still
    // Its top near the top of the pane, with a line of what comes before it for context.
    const context = Math.min(24, pane.clientHeight / 4);
    pane.scrollTo({ top: pane.scrollTop + box.top - paneBox.top - context, behavior: reduceMotion.matches ? "auto" : "smooth" });
  }

  function followBand(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) reading.inBand.add(entry.target);
      else reading.inBand.delete(entry.target);
    }
    if (performance.now() < explicitUntil) return;
    followPassage(reading.passages.find((passage) => reading.inBand.has(passage)));
  }

  // Where a permalink puts a passage's top (the scroll padding), a few pixels further
  // down: the passage before it has then left the band.
  function readingLine() {
    const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop);
    return Math.round((Number.isFinite(padding) ? padding : stickyBottom()) + 8);
  }

  // (Re)starts the watch: on load, after htmx swaps the text in, and when the bars or
  // the window change size (the line moves with them).
  function followReading() {
    if (typeof IntersectionObserver !== "function") return;
    const passages = Array.from(document.querySelectorAll("#document-text .page .passage")).filter((passage) => paneOf(passage));
    const line = readingLine();
    const height = window.innerHeight;
    if (reading && reading.line === line && reading.height === height && reading.passages.length === passages.length && reading.passages.every((passage) => passage.isConnected)) return;
    if (reading) reading.observer.disconnect();
    reading = null;
    if (!passages.length) return;
    const observer = new IntersectionObserver(followBand, { rootMargin: -line + "px 0px 0px 0px" });
    reading = { observer: observer, line: line, height: height, passages: passages, inBand: new Set() };
    passages.forEach((passage) => observer.observe(passage));
  }

  // A permalink or the focus says which passage the reader is at: follow it at once.
  function followExplicit(element) {
    const passage = element instanceof Element && element.closest("#document-text .passage");
    if (!passage) return;
    explicitUntil = performance.now() + HOLD_EXPLICIT;
    followPassage(passage);
  }

  function followTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) followExplicit(document.getElementById(id));
  }

  window.addEventListener("hashchange", followTarget);
  window.addEventListener("resize", followReading);

  document.addEventListener("focusin", function (event) {
    if (!closestIn(event, ".transcription")) followExplicit(event.target);
  });

  ["wheel", "touchstart", "pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        const pane = closestIn(event, "figure.facsimile > .transcription");
        if (pane) paneUsedAt.set(pane, performance.now());
      },
      { capture: true, passive: true }
    );
  });

  /* ---- A scan that cannot be loaded (offline) ------------------------------- */
  // The page's transcription stands in for it: the reader never faces a broken image.

  function scanUnavailable(image) {
    const figure = image.closest("figure.facsimile");
    if (!figure || figure.classList.contains("facsimile--unavailable")) return;
    figure.classList.add("facsimile--unavailable");
    const caption = figure.querySelector("figcaption");
    if (caption) caption.textContent = "The scan of this page could not be loaded; its transcription follows.";
    const transcription = figure.querySelector(".facsimile-transcription");
    if (transcription) transcription.open = true;
  }

  function checkScans(root) {
    // Scans that failed before this deferred script ran raised no event we could hear.
    root.querySelectorAll("figure.facsimile img").forEach(function (image) {
      if (image.complete && image.naturalWidth === 0 && image.currentSrc) scanUnavailable(image);
    });
  }

  document.addEventListener(
    "error",
    function (event) {
      if (event.target instanceof HTMLImageElement && event.target.closest("figure.facsimile")) scanUnavailable(event.target);
    },
    true // error events do not bubble: listen on the way down
  );

  function start() {
    observeBars();
    markTarget();
    enhanceFacsimiles(document);
    checkScans(document);
    followReading();
    followTarget();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
