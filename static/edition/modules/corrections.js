/* "Correct text": for text editors, selecting words inside one passage (reading or diplomatic
   view) offers a button that opens the correction form there (htmx GET), with the selection
   prefilled: its exact words and offsets in that view's text, and the revision the page shows.
   Without JavaScript the same form is a page of its own (words typed instead of selected). */

import { onPassageSelection } from "./passage-selection.js";

const tools = document.querySelector(".doc-text-editing[data-correct-url]");
let offer = null;

function removeOffer() {
  if (offer) offer.remove();
  offer = null;
}

function formUrl(passage, selectors, view) {
  const url = tools.dataset.correctUrl.replace("__passage__", encodeURIComponent(passage.dataset.passage));
  const start = Number(selectors.start);
  const params = new URLSearchParams({
    kind: "ocr",
    view: view,
    start: String(start),
    end: String(start + selectors.exact.length),
    exact: selectors.exact,
    base: tools.dataset.base,
  });
  return url + "?" + params.toString();
}

function showOffer(passage, selectors, view) {
  removeOffer();
  offer = document.createElement("div");
  offer.className = "correction-offer";
  const button = document.createElement("a");
  button.className = "button correction-offer-button";
  button.href = formUrl(passage, selectors, view);
  button.textContent = "Correct text";
  const quote = document.createElement("q");
  quote.textContent = selectors.exact.length > 80 ? selectors.exact.slice(0, 79) + "…" : selectors.exact;
  offer.append(button, " ", quote);
  button.addEventListener("click", function (event) {
    if (!window.htmx) return; // the link opens the form as a page
    event.preventDefault();
    const slot = document.createElement("div");
    slot.className = "correction-slot";
    passage.after(slot); // beside the passage, not among its tools
    window.htmx.ajax("GET", button.href, { target: slot, swap: "innerHTML" }).then(function () {
      removeOffer();
      const first = slot.querySelector("select, input:not([type=hidden]), textarea");
      if (first) first.focus();
    });
  });
  passage.querySelector(".passage-body").after(offer);
}

if (tools) {
  // Corrections apply to either view's text: the form is told which one the words are in.
  onPassageSelection(function (words) {
    if (words) showOffer(words.passage, words.selectors, words.view);
    else removeOffer();
  });
}

// In the form: only the fields of the kind of correction chosen are shown (all of them without JavaScript).
function showKindFields(form) {
  const kind = form.querySelector("select[name=kind]");
  if (!kind) return;
  for (const fieldset of form.querySelectorAll("fieldset[data-kind]")) {
    fieldset.hidden = !fieldset.dataset.kind.split(" ").includes(kind.value);
  }
}

document.addEventListener("change", function (event) {
  const form = event.target.closest && event.target.closest(".correction-form");
  if (form && event.target.name === "kind") showKindFields(form);
});
document.addEventListener("htmx:afterSwap", function () {
  document.querySelectorAll(".correction-form").forEach(showKindFields);
});
