/* Permalinks: :target only applies to the element a navigation aimed at; text swapped
   in later (another view) gets the same highlight through a class. */

export function markTarget() {
  document.querySelectorAll(".is-target").forEach((element) => element.classList.remove("is-target"));
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && !target.matches(":target")) target.classList.add("is-target");
}

export function installPermalinks() {
  window.addEventListener("hashchange", markTarget);
}
