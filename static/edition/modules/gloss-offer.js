/* "Gloss selection": selecting words inside one passage of the reading text offers a small
   Gloss button at the selection's end (floating beside the words, not under the passage).
   It fetches the gloss form (htmx GET) with the selection's TextQuoteSelector prefilled.

   The button sits in the passage, after its words, so it is also the next Tab stop after
   them, and a polite live region says that it appeared. In editors' pages a drag that starts
   on a linked word (a person, a term) selects text rather than dragging the link away. */

import { onPassageSelection } from "./passage-selection.js";

let offer = null;
let announcer = null;

export function removeOffer() {
  if (offer) offer.remove();
  offer = null;
}

function announce(text) {
  if (!announcer) {
    announcer = document.createElement("div");
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    document.body.append(announcer);
  }
  announcer.textContent = text;
}

// Where the selection ends, in the passage's coordinates (the passage is position: relative).
function placeAtSelectionEnd(element, passage, range) {
  const rects = Array.from(range.getClientRects()).filter(function (r) {
    return r.width > 0 || r.height > 0;
  });
  const end = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  const box = passage.getBoundingClientRect();
  const width = element.offsetWidth;
  const left = Math.max(0, Math.min(end.right - box.left - width / 2, passage.clientWidth - width));
  element.style.left = left + "px";
  element.style.top = end.bottom - box.top + 4 + "px";
}

function showOffer(passage, selectors, range) {
  const slot = passage.querySelector(".gloss-slot");
  const glossButton = passage.querySelector(".gloss-button");
  if (!slot || !glossButton) return;
  removeOffer();
  offer = document.createElement("div");
  offer.className = "gloss-offer";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "gloss-offer-button";
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  const quote = document.createElement("q");
  quote.className = "gloss-offer-quote";
  quote.textContent = selectors.exact.length > 80 ? selectors.exact.slice(0, 79) + "…" : selectors.exact;
  hidden.append(" selection ", quote);
  button.append("Gloss", hidden);
  offer.append(button);
  button.addEventListener("click", function () {
    openForm(slot, glossButton.getAttribute("href"), selectors);
  });
  slot.before(offer);
  placeAtSelectionEnd(offer, passage, range);
  announce("Gloss button shown after the passage, for “" + quote.textContent + "”.");
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

// A link is draggable by default: a drag that starts on a linked word would carry the link
// away instead of selecting. Before the press is handled, the link is made not draggable.
function keepLinksFromDragging(event) {
  const link = event.target instanceof Element && event.target.closest("#document-text .passage-body a[href]");
  if (link) link.setAttribute("draggable", "false");
}

export function installGlossOffer() {
  document.addEventListener("pointerdown", keepLinksFromDragging, true);
  document.addEventListener("mousedown", keepLinksFromDragging, true);

  // Glosses anchor on the reading text: a selection in the diplomatic view offers none.
  onPassageSelection(function (words) {
    if (words && words.view === "reading") showOffer(words.passage, words.selectors, words.range);
    else removeOffer();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && offer && offer.contains(document.activeElement)) removeOffer();
  });
}
