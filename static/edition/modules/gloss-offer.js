/* "Gloss selection": selecting words inside one passage of the reading text offers it.
   It fetches the gloss form (htmx GET) with the selection's TextQuoteSelector prefilled. */

import { passageBodyOf, selectorsOf } from "./gloss-textmap.js";

let offer = null;

export function removeOffer() {
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

export function installGlossOffer() {
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
}
