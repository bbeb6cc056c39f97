/* The reader's display choices (edition/display.py). Without JavaScript the Display form is a
   plain GET form: Apply reloads the page with the choices in the URL. With it, a change applies
   at once (the switches are classes on #document-text, so the text looks right before the server
   answers), is remembered in a cookie for the next visit, and the text is fetched again through
   htmx with the choices in the URL, so its links, folded furniture and pane agree with them. */

import { closestIn } from "./dom.js";

const FORM = ".display-form";
const COOKIE = "display";
const YEAR = 365 * 24 * 60 * 60;

let focusAfterSwap = null; // the id of the control that had focus, to give it back after the swap

function choicesOf(form) {
  const data = new FormData(form);
  data.delete("view");
  return new URLSearchParams(data);
}

function applyClasses(form, choices) {
  const text = document.getElementById("document-text");
  if (!text) return;
  form.querySelectorAll('.display-switches input[type="checkbox"]').forEach(function (box) {
    text.classList.toggle("show-" + box.name, box.checked);
  });
  if (choices.has("furniture")) text.querySelectorAll("details.furniture-run").forEach((run) => (run.open = true));
}

function remember(choices) {
  document.cookie = COOKIE + "=" + choices.toString() + "; path=/; max-age=" + YEAR + "; samesite=lax";
}

function fetchText(form) {
  const url = new URL(form.action, window.location.href);
  const params = new URLSearchParams(new FormData(form));
  url.search = params.toString();
  focusAfterSwap = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : null;
  const where = url.pathname + url.search;
  if (window.htmx) {
    window.htmx.ajax("GET", where, { target: "#document-text", swap: "outerHTML" }).then(function () {
      window.history.replaceState(window.history.state, "", where + window.location.hash);
    });
  } else {
    form.submit();
  }
}

export function installDisplay() {
  document.addEventListener("change", function (event) {
    const form = closestIn(event, FORM);
    if (!form) return;
    const choices = choicesOf(form);
    applyClasses(form, choices);
    remember(choices);
    fetchText(form);
  });

  document.addEventListener("submit", function (event) {
    const form = closestIn(event, FORM);
    if (!form) return;
    event.preventDefault();
    remember(choicesOf(form));
    fetchText(form);
  });

  // The form came back closed, with its controls replaced: reopen it and give focus back.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!(event.target instanceof Element) || event.target.id !== "document-text" || !focusAfterSwap) return;
    const control = document.getElementById(focusAfterSwap);
    focusAfterSwap = null;
    if (!control) return;
    const menu = control.closest("details");
    if (menu) menu.open = true;
    control.focus({ preventScroll: true });
  });
}
