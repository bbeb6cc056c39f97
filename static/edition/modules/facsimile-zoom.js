/* Zooming into a page image. Without JavaScript a scan fits its pane and the pane
   scrolls. With it, each scan gets buttons to zoom and pan (WCAG 2.5.7: nothing needs
   dragging), and sits in a focusable scroll region that arrow keys scroll too. The zoom
   level lives in a data attribute that the stylesheet turns into a width, so no inline
   style is needed (strict CSP) and htmx's history snapshots keep it. */

import { closestIn } from "./dom.js";

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

// Gives every scan under root its zoom and pan buttons (once).
export function enhanceFacsimiles(root) {
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

export function installFacsimileZoom() {
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
}

// The other view shows the same scans: a reader comparing a zoomed detail with the
// text keeps the zoom and the place in the scan when switching.
export function scanPlaces() {
  const places = new Map();
  document.querySelectorAll("#document-text .page .facsimile-view").forEach(function (view) {
    places.set(view.closest(".page").id, { zoom: view.dataset.zoom, left: view.scrollLeft, top: view.scrollTop });
  });
  return places;
}

export function restoreScanPlaces(places) {
  places.forEach(function (place, pageId) {
    const section = document.getElementById(pageId);
    const view = section && section.querySelector(".facsimile-view");
    if (!view) return;
    view.dataset.zoom = place.zoom;
    view.scrollTo(place.left, place.top);
    showZoom(view.closest("figure.facsimile"), view);
  });
}
