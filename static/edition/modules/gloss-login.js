/* Logging in (and out) keeps the reader's place. The server builds the "Editor log in" link's
   next= from the page's path and query (the view), but a fragment (#para-4) never reaches the
   server: at the moment of the click, next is rebuilt from the address as it stands, fragment
   included, and the view switched meanwhile by htmx (hx-push-url). Without a fragment, the
   passage at the top of the window is the place. The logout form's next field the same way.
   Without JavaScript, next keeps the path and the view, and an editor's Gloss link carries its
   passage in its own URL. */

import { stickyBottom } from "./sticky-bars.js";

// The first passage with at least a line showing below the sticky bars.
function passageInView() {
  const top = stickyBottom() + 16;
  for (const passage of document.querySelectorAll("#document-text .passage[id]")) {
    if (passage.getBoundingClientRect().bottom > top) return passage.id;
  }
  return "";
}

function hereWithPlace() {
  const passage = window.location.hash ? "" : passageInView();
  const fragment = window.location.hash || (passage ? "#" + passage : "");
  return window.location.pathname + window.location.search + fragment;
}

export function installKeepPlaceOnLogin() {
  // On the login page itself: a fragment on its address (…/login/?next=/documents/x/#para-4
  // typed or linked unencoded) belongs to the page to come back to.
  const next = document.querySelector("input[name=next][data-keeps-fragment]");
  if (next && next.value && window.location.hash && !next.value.includes("#")) next.value += window.location.hash;

  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element && event.target.closest("a[data-keeps-place]");
    if (!link) return;
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("next", hereWithPlace());
    link.href = url.pathname + url.search;
  });
  document.addEventListener("submit", function (event) {
    const field = event.target instanceof HTMLFormElement && event.target.querySelector("input[data-keeps-place]");
    if (field) field.value = hereWithPlace();
  });
}
