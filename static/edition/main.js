/* Progressive enhancements for the reading view, as small ES modules (no bundler; the
   strict CSP's script-src 'self' covers them, and collectstatic rewrites their imports
   to the hashed names: edition/storage.py). Everything works without them: a note
   marker is a plain link to its note (which links back), and the view switch is a plain
   link that reloads the page.

   - modules/popover.js: on a wide screen, notes and identifications in a popover;
   - modules/sheet.js and note-links.js: on a phone, notes in a bottom sheet;
   - modules/sticky-bars.js: the sticky bars measured, so that focus stays clear of them;
   - modules/view-switch.js: reading/diplomatic through htmx, keeping the reader's place;
   - modules/facsimile-zoom.js, facsimile-offline.js: zoom and pan a scan, or fall back
     to its transcription when it cannot load;
   - modules/transcription-follow.js: the transcription pane follows the reading;
   - modules/permalinks.js: the passage a permalink aims at stays highlighted;
   - modules/display.js: the reader's display choices apply at once and are remembered.

   Listeners are delegated to the document, so text swapped in by htmx needs no
   rebinding. They are installed here, in this order, once. */

import { installDisplay } from "./modules/display.js";
import { enhanceFacsimiles, installFacsimileZoom } from "./modules/facsimile-zoom.js";
import { checkScans, installScanFallback } from "./modules/facsimile-offline.js";
import { installKeepPlaceOnLogin } from "./modules/gloss-login.js";
import { installNoteLinks } from "./modules/note-links.js";
import { installPermalinks, markTarget } from "./modules/permalinks.js";
import { installPopover } from "./modules/popover.js";
import { observeBars, onBarsMeasured } from "./modules/sticky-bars.js";
import { followReading, followReadingIfWatching, followTarget, installTranscriptionFollow } from "./modules/transcription-follow.js";
import { installViewSwitch } from "./modules/view-switch.js";

installPopover();
installKeepPlaceOnLogin();
installNoteLinks();
onBarsMeasured(followReadingIfWatching); // the reading line moves with the bars
installPermalinks();
installFacsimileZoom();
installViewSwitch();
installDisplay(); // after the view switch: its focus handling after a swap comes first
installTranscriptionFollow();
installScanFallback();

function start() {
  observeBars();
  markTarget();
  enhanceFacsimiles(document);
  checkScans(document);
  followReading();
  followTarget();
}

// Module scripts run once the document is parsed, like deferred ones.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
