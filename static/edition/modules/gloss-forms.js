/* Gloss forms fetched into a passage or a note get focus; Cancel removes them and
   returns focus to the control that opened them. After a write the server re-renders
   the whole text and names (HX-Trigger "glossChanged") the element that should get
   focus: the gloss's marker, or Undo. */

import { closestIn } from "./dom.js";
import { removeOffer } from "./gloss-offer.js";

function focusFieldIn(container) {
  if (!container) return;
  // The first field in error, wherever it stands in the form; else the gloss text.
  const field = container.querySelector('[aria-invalid="true"]') || container.querySelector("textarea");
  if (field) field.focus();
}

export function installGlossForms() {
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
    const cancel = closestIn(event, "[data-gloss-cancel]");
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
}
