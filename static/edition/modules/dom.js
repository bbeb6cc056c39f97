/* What every enhancement of the page shares: delegated-event lookup, where added
   elements live, and which kind of screen the reader has. */

// The element matching selector that the event happened in (delegated listeners:
// text swapped in by htmx needs no rebinding).
export function closestIn(event, selector) {
  return event.target instanceof Element ? event.target.closest(selector) : null;
}

// Where the popover and the sheet live in the DOM: inside the main landmark, with the
// text they belong to (the top layer puts them on screen wherever they are).
export function landmark() {
  return document.querySelector("main") || document.body;
}

// A phone: a narrow viewport or a coarse pointer. Notes open in a bottom sheet there.
export const phone = window.matchMedia("(max-width: 52rem), (pointer: coarse)");
