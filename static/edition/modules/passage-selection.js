/* Words selected inside one passage of the text: what the offers at a selection share
   ("Gloss selection", modules/gloss-offer.js; "Correct text", modules/corrections.js).

   One "selectionchange" listener, installed by the first offer that asks, waits until the
   selection has settled, finds the passage that holds all of it and the words' selectors
   (modules/gloss-textmap.js) once, and tells every offer: onPassageSelection(offer) calls
   offer(selected) with {passage, body, range, selectors, view}, or offer(null) when the
   selection is not within one passage. A collapsed selection (a click, even on an offer's
   own button) tells no one, so offers stay where they are. */

import { selectorsOf } from "./gloss-textmap.js";

const SETTLE_MS = 100; // a drag fires selectionchange at every step: only where it ends counts
const offers = [];

function elementOf(node) {
  return node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
}

// The .passage-body of the document's text that holds the whole range; else null.
function passageBodyOf(range) {
  const first = elementOf(range.startContainer);
  const last = elementOf(range.endContainer);
  const body = first && first.closest(".passage-body");
  if (!body || !last || last.closest(".passage-body") !== body) return null;
  return body.closest("#document-text") ? body : null;
}

function viewOf(body) {
  return body.closest("#document-text.view-diplomatic") ? "diplomatic" : "reading";
}

function selected() {
  const selection = window.getSelection();
  if (!selection || !selection.rangeCount || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const body = passageBodyOf(range);
  const selectors = body && selectorsOf(range, body);
  if (!selectors) return null;
  return { passage: body.closest(".passage"), body: body, range: range, selectors: selectors, view: viewOf(body) };
}

function listen() {
  let pending = 0;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      const words = selected();
      if (words === undefined) return;
      for (const offer of offers) offer(words);
    }, SETTLE_MS);
  });
}

export function onPassageSelection(offer) {
  if (!offers.length) listen();
  offers.push(offer);
}
