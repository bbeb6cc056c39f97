/* Notes as the page serves them: a marker (a plain link to its note, which links back)
   and the note it points to. Without JavaScript the link simply jumps there. */

export const MARKER = "a.noteref[data-note]";
export const BACKLINK = '[role="doc-backlink"]';

// The note a marker points to: its element, id, number, kind label and kind; or null.
export function noteOf(marker) {
  const note = document.getElementById(marker.dataset.note);
  if (!note) return null;
  const text = (selector) => (note.querySelector(selector) || {}).textContent || "";
  const kind = (note.className.match(/\bnote--([\w-]+)/) || [])[1] || "";
  return { element: note, id: note.id, number: text(".note-number").trim() || (marker.dataset.n || marker.textContent).trim(), label: text(".note-kind").trim(), kind: kind };
}

// A copy of what the note says, for the popover or the sheet: its head, the OCR reading
// and its body; not its back link nor an editor's controls. Ids stay unique to the note.
const NOTE_CONTENT = ".note-head, .ocr-detail, .note-body";

export function copyOfNote(note, withHead) {
  const copy = document.createDocumentFragment();
  for (const child of note.element.children) {
    if (!child.matches(NOTE_CONTENT) || (!withHead && child.matches(".note-head"))) continue;
    const part = child.cloneNode(true);
    part.removeAttribute("id");
    part.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
    copy.append(part);
  }
  return copy;
}
