/* On a phone (narrow viewport or coarse pointer), tapping a note marker opens its note
   in a bottom sheet over the text instead of jumping away. Close, Escape or a tap on
   the backdrop closes it, and focus returns to the marker. */

import { landmark } from "./dom.js";
import { noteOf, copyOfNote } from "./notes.js";

// Where a modal <dialog> is missing, the marker stays a plain link to its note.
export const canDialog = typeof window.HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype;

let sheet = null; // created on first use
let sheetMarker = null;
let sheetReturnsFocus = true;

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
  });
  landmark().append(sheet);
  return sheet;
}

// Opens the marker's note in the sheet; false when the marker points to no note.
export function openSheet(marker) {
  const note = noteOf(marker);
  if (!note) return false;
  const element = sheetElement();
  if (element.open) element.close();
  element.querySelector(".note-sheet-title").textContent = "Note " + note.number + (note.label ? ", " + note.label : "");
  element.querySelector(".note-sheet-body").replaceChildren(copyOfNote(note, false));
  const go = element.querySelector(".note-sheet-go a");
  go.href = "#" + note.id;
  go.textContent = "Go to note " + note.number + " in the notes";
  sheetMarker = marker;
  sheetReturnsFocus = true;
  element.showModal(); // Escape closes a modal dialog natively (then "close" fires)
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
