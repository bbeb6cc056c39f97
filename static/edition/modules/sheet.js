/* On a phone (narrow viewport or coarse pointer), tapping a note marker opens its note
   in a bottom sheet over the text instead of jumping away. Close, Escape, a tap on the
   backdrop or the browser's Back closes it (an open sheet is a history entry of its own,
   so Back does not leave the document), and focus returns to the marker. The text is
   scrolled so that the tapped marker and its line stay in view above the sheet. */

import { landmark } from "./dom.js";
import { noteOf, copyOfNote } from "./notes.js";

// Where a modal <dialog> is missing, the marker stays a plain link to its note.
export const canDialog = typeof window.HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype;

let sheet = null; // created on first use
let sheetMarker = null;
let sheetReturnsFocus = true;
const SHEET_STATE = "noteSheet"; // the history entry an open sheet adds
const CLEARANCE = 24; // px between the marker's line and the top of the sheet

function sheetInHistory() {
  return Boolean(window.history.state && window.history.state[SHEET_STATE]);
}

// Back closes the sheet: the entry it added is gone, and the reader is still on the text.
// Registered before htmx's own handler (it is set when the document is ready), so that htmx
// does not restore a page the reader never left.
let takingEntryBack = false; // the sheet closed and called history.back() itself
let sheetLeavesHistory = true; // closing by Close, Escape or the backdrop takes the entry back out
window.addEventListener("popstate", function (event) {
  if (takingEntryBack) {
    takingEntryBack = false;
    event.stopImmediatePropagation();
    return;
  }
  if (sheet && sheet.open && !sheetInHistory()) {
    event.stopImmediatePropagation();
    sheetLeavesHistory = false;
    sheet.close();
  }
});
// The marker (and the words before it) above the sheet: scroll the text if the sheet covers it.
function keepMarkerInView(marker, element) {
  const sheetTop = element.getBoundingClientRect().top;
  const box = marker.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(marker.parentElement || marker).lineHeight) || 24;
  if (box.bottom + CLEARANCE > sheetTop) window.scrollBy(0, box.bottom + CLEARANCE - sheetTop);
  else if (box.top < lineHeight) window.scrollBy(0, box.top - lineHeight * 2);
}

function sheetElement() {
  if (sheet && sheet.isConnected) return sheet;
  sheet = document.createElement("dialog");
  sheet.id = "note-sheet";
  sheet.className = "note-sheet";
  sheet.setAttribute("aria-labelledby", "note-sheet-title");
  sheet.innerHTML =
    '<div class="note-sheet-bar"><h2 class="note-sheet-title" id="note-sheet-title"></h2>' +
    '<button type="button" class="note-sheet-close"><span aria-hidden="true">×</span> Close</button></div>' +
    '<div class="note-sheet-body"></div>' +
    '<p class="note-sheet-go"><a></a></p>';
  sheet.querySelector(".note-sheet-close").addEventListener("click", closeSheet);
  sheet.querySelector(".note-sheet-go a").addEventListener("click", function () {
    // The link takes focus to the note itself, so the marker must not take it back.
    sheetReturnsFocus = false;
    closeSheet();
  });
  sheet.addEventListener("click", function (event) {
    // A tap on the backdrop lands on the dialog element, outside its box.
    if (event.target !== sheet) return;
    const box = sheet.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) closeSheet();
  });
  sheet.addEventListener("close", function () {
    if (sheetReturnsFocus && sheetMarker && sheetMarker.isConnected) sheetMarker.focus({ preventScroll: true });
    sheetMarker = null;
    // Closed otherwise than by Back (and not by following the note): remove the sheet's entry.
    if (sheetLeavesHistory && sheetReturnsFocus && sheetInHistory()) {
      takingEntryBack = true;
      window.history.back();
    }
    sheetLeavesHistory = true;
  });
  landmark().append(sheet);
  return sheet;
}

// Opens the marker's note in the sheet; false when the marker points to no note.
export function openSheet(marker) {
  const note = noteOf(marker);
  if (!note) return false;
  const element = sheetElement();
  if (element.open) {
    sheetLeavesHistory = false; // one note replaces another: the entry stays
    element.close();
  }
  element.querySelector(".note-sheet-title").textContent = "Note " + note.number + (note.label ? ", " + note.label : "");
  element.querySelector(".note-sheet-body").replaceChildren(copyOfNote(note, false));
  const go = element.querySelector(".note-sheet-go a");
  go.href = "#" + note.id;
  go.textContent = "Go to note " + note.number + " in the notes";
  sheetMarker = marker;
  sheetReturnsFocus = true;
  element.showModal(); // Escape closes a modal dialog natively (then "close" fires)
  if (!sheetInHistory()) window.history.pushState({ [SHEET_STATE]: true }, "");
  keepMarkerInView(marker, element);
  return true;
}

export function closeSheet() {
  if (sheet && sheet.open) sheet.close();
}

// Closed and taken out of the page (htmx's history snapshot must not keep it).
export function removeSheet() {
  closeSheet();
  if (sheet) sheet.remove();
}
