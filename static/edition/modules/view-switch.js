/* Switching between the reading and the diplomatic text through htmx keeps the reader's
   place, the focus on the switch, the zoom of the scans, and the permalink in the URL.
   Without JavaScript the switch is a plain link that reloads the page. */

import { enhanceFacsimiles, restoreScanPlaces, scanPlaces } from "./facsimile-zoom.js";
import { checkScans } from "./facsimile-offline.js";
import { markTarget } from "./permalinks.js";
import { hidePopover, removePopover } from "./popover.js";
import { closeSheet, removeSheet } from "./sheet.js";
import { observeBars, stickyBottom } from "./sticky-bars.js";
import { followReading, forgetCurrentBlock } from "./transcription-follow.js";

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

export function installViewSwitch() {
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

  // htmx snapshots the page for its history cache: leave out what the scripts added.
  document.addEventListener("htmx:beforeHistorySave", function () {
    removePopover();
    removeSheet();
    forgetCurrentBlock();
  });

  document.addEventListener("htmx:historyRestore", function () {
    observeBars();
    markTarget();
    enhanceFacsimiles(document);
    checkScans(document);
    followReading();
  });
}
