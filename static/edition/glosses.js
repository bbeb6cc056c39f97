/* Glossing for editors (this file is only loaded for them).

   - Selecting words inside one passage of the reading text offers "Gloss selection".
     It fetches the gloss form (htmx GET) with the TextQuoteSelector of the selection
     prefilled: exact, and up to 32 characters of prefix and suffix, taken from the
     passage's reading text exactly as edition/textmap.py computes it (text outside
     [data-nontext] elements, whitespace collapsed), so the server can check the
     words against its own copy of the text and find their offsets itself.
   - Forms fetched into a passage or a note get focus; Cancel removes them and returns
     focus to the control that opened them.
   - After a write the server re-renders the whole text and names (HX-Trigger
     "glossChanged") the element that should get focus: the gloss's marker, or Undo.

   Everything here has a no-JavaScript path: "Gloss" and "Edit" are links to form
   pages, and publish/delete are plain forms. No inline script or style (strict CSP). */
(function () {
  "use strict";

  const CONTEXT = 32; // characters of prefix and suffix, as edition/anchoring.py keeps
  // Python's str.isspace(), which edition/textmap.py collapses (JavaScript's \s differs slightly).
  const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

  /* ---- The reading text of a passage, and where each character sits ----------- */

  function textMap(body) {
    const chars = [];
    const runs = [];
    let previousSpace = true; // leading whitespace is dropped
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        const nontext = node.parentElement && node.parentElement.closest("[data-nontext]");
        return nontext && body.contains(nontext) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const map = new Array(node.data.length).fill(-1); // raw index -> index in the text (-1: collapsed)
      for (let i = 0; i < node.data.length; i++) {
        const space = SPACE.test(node.data[i]);
        if (space && previousSpace) continue;
        chars.push(space ? " " : node.data[i]);
        map[i] = chars.length - 1;
        previousSpace = space;
      }
      runs.push({ node: node, map: map });
    }
    let text = chars.join("");
    if (text.endsWith(" ")) text = text.slice(0, -1);
    return { text: text, runs: runs };
  }

  // exact/prefix/suffix/start of a DOM range within a passage body, or null.
  function selectorsOf(range, body) {
    const map = textMap(body);
    let start = null;
    let end = null;
    for (const run of map.runs) {
      if (!range.intersectsNode(run.node)) continue;
      const from = run.node === range.startContainer ? range.startOffset : 0;
      const to = run.node === range.endContainer ? range.endOffset : run.node.data.length;
      for (let i = from; i < to; i++) {
        if (run.map[i] < 0) continue;
        if (start === null) start = run.map[i];
        end = run.map[i] + 1;
      }
    }
    if (start === null) return null;
    const text = map.text;
    end = Math.min(end, text.length);
    while (start < end && text[start] === " ") start++;
    while (end > start && text[end - 1] === " ") end--;
    if (start >= end) return null;
    return {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
      start: String(start),
    };
  }

  function elementOf(node) {
    return node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  }

  // The .passage-body that holds the whole range, in the reading view; else null.
  function passageBodyOf(range) {
    const first = elementOf(range.startContainer);
    const last = elementOf(range.endContainer);
    const body = first && first.closest(".passage-body");
    if (!body || !last || last.closest(".passage-body") !== body) return null;
    return body.closest("#document-text.view-reading") ? body : null;
  }

  /* ---- "Gloss selection" ------------------------------------------------------ */

  let offer = null;

  function removeOffer() {
    if (offer) offer.remove();
    offer = null;
  }

  function showOffer(passage, selectors) {
    const slot = passage.querySelector(".gloss-slot");
    const glossButton = passage.querySelector(".gloss-button");
    if (!slot || !glossButton) return;
    removeOffer();
    offer = document.createElement("div");
    offer.className = "gloss-offer";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "gloss-offer-button";
    button.textContent = "Gloss selection";
    const quote = document.createElement("q");
    quote.className = "gloss-offer-quote";
    quote.textContent = selectors.exact.length > 80 ? selectors.exact.slice(0, 79) + "…" : selectors.exact;
    offer.append(button, " ", quote);
    button.addEventListener("click", function () {
      openForm(slot, glossButton.getAttribute("href"), selectors);
    });
    slot.before(offer);
  }

  function openForm(slot, url, selectors) {
    const params = new URLSearchParams(selectors);
    params.set("view", "reading");
    // A gloss already being written in this passage keeps its text in the new form.
    const typed = slot.querySelector("textarea");
    const text = typed ? typed.value : "";
    window.htmx.ajax("GET", url + "?" + params.toString(), { target: slot, swap: "innerHTML" }).then(function () {
      removeOffer();
      const textarea = slot.querySelector("textarea");
      if (textarea && text && !textarea.value) textarea.value = text;
    });
  }

  let pending = 0;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      const selection = window.getSelection();
      // A collapsed selection (a click, even on the offer itself) leaves the offer alone.
      if (!selection || !selection.rangeCount || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      const body = passageBodyOf(range);
      const selectors = body && selectorsOf(range, body);
      if (selectors) showOffer(body.closest(".passage"), selectors);
      else removeOffer();
    }, 100);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && offer && offer.contains(document.activeElement)) removeOffer();
  });

  /* ---- Forms in passages and notes -------------------------------------------- */

  function focusFieldIn(container) {
    if (!container) return;
    // The first field in error, wherever it stands in the form; else the gloss text.
    const field = container.querySelector('[aria-invalid="true"]') || container.querySelector("textarea");
    if (field) field.focus();
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (target && target.matches && target.matches(".gloss-slot, .gloss-editor")) {
      focusFieldIn(target);
      return;
    }
    // A refused write (422, 409, 412) replaced the form with itself and its messages.
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    const elt = event.detail.elt;
    if ([409, 412, 422].includes(status) && elt && elt.id) focusFieldIn(document.getElementById(elt.id));
  });

  document.addEventListener("click", function (event) {
    const cancel = event.target instanceof Element ? event.target.closest("[data-gloss-cancel]") : null;
    const container = cancel && cancel.closest(".gloss-slot, .gloss-editor");
    if (!container) return; // on a form page, Cancel is a plain link back to the text
    event.preventDefault();
    container.replaceChildren();
    const opener = container.matches(".gloss-slot")
      ? container.closest(".passage").querySelector(".gloss-button")
      : container.closest(".note").querySelector(".gloss-actions a");
    if (opener) opener.focus();
  });

  // A write refused with no form to show (403: the session's CSRF token is gone, or the
  // rights were withdrawn; 5xx): say so, rather than fail without a word.
  document.addEventListener("htmx:responseError", function (event) {
    const status = document.getElementById("gloss-status");
    if (!status) return;
    const code = event.detail.xhr.status;
    status.textContent =
      code === 403
        ? "Not saved: you are not allowed to do this now. Reload the page (and log in again if asked)."
        : "Not saved: the server answered " + code + ". Reload the page and try again.";
  });

  // The server names what should have focus after a write (see views/glosses.py).
  document.addEventListener("glossChanged", function (event) {
    removeOffer();
    const id = event.detail && event.detail.focus;
    const element = id && (document.getElementById("ref-" + id) || document.getElementById(id));
    if (element) element.focus();
  });
})();
