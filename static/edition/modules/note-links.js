/* Following a note and coming back: a marker opens its note in the sheet on a phone;
   elsewhere the link moves focus to the note, and the popover gets out of the way. */

import { closestIn, phone } from "./dom.js";
import { BACKLINK, MARKER } from "./notes.js";
import { hidePopover, keepShut } from "./popover.js";
import { canDialog, closeSheet, openSheet } from "./sheet.js";

export function installNoteLinks() {
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const backlink = closestIn(event, BACKLINK);
    if (backlink) {
      // Focus is going back to the marker: do not pop the note just read over the text again.
      keepShut(document.getElementById(backlink.hash.slice(1)));
      return;
    }
    const marker = closestIn(event, MARKER);
    if (!marker) return;
    if (phone.matches && canDialog) {
      if (openSheet(marker)) event.preventDefault();
      return;
    }
    // The link moves focus to the note; the popover would only cover it.
    keepShut(marker);
    hidePopover();
  });

  // Turning the phone or resizing the window past the breakpoint: start afresh.
  phone.addEventListener("change", function () {
    hidePopover();
    closeSheet();
  });
}
