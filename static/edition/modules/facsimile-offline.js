/* A scan that cannot be loaded (offline): the page's transcription stands in for it,
   so the reader never faces a broken image. */

function scanUnavailable(image) {
  const figure = image.closest("figure.facsimile");
  if (!figure || figure.classList.contains("facsimile--unavailable")) return;
  figure.classList.add("facsimile--unavailable");
  const caption = figure.querySelector("figcaption");
  if (caption) caption.textContent = "The scan of this page could not be loaded; its transcription follows.";
  const transcription = figure.querySelector(".facsimile-transcription");
  if (transcription) transcription.open = true;
}

// Scans that failed before this (deferred) module ran raised no event we could hear.
export function checkScans(root) {
  root.querySelectorAll("figure.facsimile img").forEach(function (image) {
    if (image.complete && image.naturalWidth === 0 && image.currentSrc) scanUnavailable(image);
  });
}

export function installScanFallback() {
  document.addEventListener(
    "error",
    function (event) {
      if (event.target instanceof HTMLImageElement && event.target.closest("figure.facsimile")) scanUnavailable(event.target);
    },
    true // error events do not bubble: listen on the way down
  );
}
