/* Glossing for editors (this module is only loaded for them, after main.js).

   - modules/gloss-offer.js: selecting words inside one passage of the reading text
     offers "Gloss selection", which fetches the form with the selection prefilled
     (modules/passage-selection.js finds the words, shared with "Correct text";
     modules/gloss-textmap.js computes their selectors as the server does);
   - modules/gloss-forms.js: forms in passages and notes take focus, Cancel, refused
     writes, and the focus the server names after a write.

   Everything here has a no-JavaScript path: "Gloss" and "Edit" are links to form
   pages, and publish/delete are plain forms. No inline script or style (strict CSP). */

import { installGlossForms } from "./modules/gloss-forms.js";
import { installGlossOffer } from "./modules/gloss-offer.js";

installGlossOffer();
installGlossForms();
