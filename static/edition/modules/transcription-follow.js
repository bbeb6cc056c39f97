/* The transcription pane follows the reading. A page without a scan shows its
   transcription in a sticky pane that scrolls by itself. As the reader goes down the
   page's text, the pane brings the block of the passage at the top of the reading area
   into view and marks it (as EVT and TEI Publisher do). It only ever scrolls the pane:
   never the window, never the focus; and it leaves the pane alone while the reader uses
   it (focus in it, or a wheel, touch, pointer or key in it less than USING_PANE ms ago).

   An IntersectionObserver watches the text's passages against a band running from the
   reading line (where a permalink puts a passage's top, just below the sticky bars) to
   the bottom of the window: the passage being read is the first one that reaches below
   that line. Only the crossings of the band's edges cost anything; no scroll listener. */

import { closestIn } from "./dom.js";
import { stickyBottom } from "./sticky-bars.js";

const USING_PANE = 2000;
const HOLD_EXPLICIT = 1000; // a permalink or the focus chose the passage: the band waits
const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const CURRENT = "is-current";
let reading = null; // { observer, line, height, passages (in document order), inBand (a Set) }
let explicitUntil = 0;
const paneUsedAt = new WeakMap();

function paneOf(passage) {
  const page = passage.closest(".page");
  return page && page.querySelector("figure.facsimile > .transcription");
}

function blockOf(pane, passage) {
  return Array.from(pane.querySelectorAll("[data-passage]")).find((block) => block.dataset.passage === passage.id) || null;
}

// The pane only follows where it stands beside the text (sticky), not on a phone.
function paneFollows(pane) {
  return getComputedStyle(pane.closest("figure.facsimile")).position === "sticky";
}

function paneInUse(pane) {
  return pane.contains(document.activeElement) || performance.now() - (paneUsedAt.get(pane) || -Infinity) < USING_PANE;
}

function followPassage(passage) {
  const pane = passage && paneOf(passage);
  const block = pane && blockOf(pane, passage);
  if (!block || block.classList.contains(CURRENT) || !paneFollows(pane)) return;
  forgetCurrentBlock();
  block.classList.add(CURRENT); // the mark shows even in a pane the reader is using
  if (paneInUse(pane)) return;
  const paneBox = pane.getBoundingClientRect();
  const box = block.getBoundingClientRect();
  if (box.top >= paneBox.top && box.bottom <= paneBox.bottom) return; // in view already: keep still
  // Its top near the top of the pane, with a line of what comes before it for context.
  const context = Math.min(24, pane.clientHeight / 4);
  pane.scrollTo({ top: pane.scrollTop + box.top - paneBox.top - context, behavior: reduceMotion.matches ? "auto" : "smooth" });
}

// Unmarks the block marked as being read (also before htmx snapshots the page).
export function forgetCurrentBlock() {
  document.querySelectorAll(".transcription ." + CURRENT).forEach((element) => element.classList.remove(CURRENT));
}

function followBand(entries) {
  for (const entry of entries) {
    if (entry.isIntersecting) reading.inBand.add(entry.target);
    else reading.inBand.delete(entry.target);
  }
  if (performance.now() < explicitUntil) return;
  followPassage(reading.passages.find((passage) => reading.inBand.has(passage)));
}

// Where a permalink puts a passage's top (the scroll padding), a few pixels further
// down: the passage before it has then left the band.
function readingLine() {
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop);
  return Math.round((Number.isFinite(padding) ? padding : stickyBottom()) + 8);
}

// (Re)starts the watch: on load, after htmx swaps the text in, and when the bars or
// the window change size (the line moves with them).
export function followReading() {
  if (typeof IntersectionObserver !== "function") return;
  const passages = Array.from(document.querySelectorAll("#document-text .page .passage")).filter((passage) => paneOf(passage));
  const line = readingLine();
  const height = window.innerHeight;
  if (reading && reading.line === line && reading.height === height && reading.passages.length === passages.length && reading.passages.every((passage) => passage.isConnected)) return;
  if (reading) reading.observer.disconnect();
  reading = null;
  if (!passages.length) return;
  const observer = new IntersectionObserver(followBand, { rootMargin: -line + "px 0px 0px 0px" });
  reading = { observer: observer, line: line, height: height, passages: passages, inBand: new Set() };
  passages.forEach((passage) => observer.observe(passage));
}

// The reading line moved with the sticky bars: restart a watch already running.
export function followReadingIfWatching() {
  if (reading) followReading();
}

// A permalink or the focus says which passage the reader is at: follow it at once.
function followExplicit(element) {
  const passage = element instanceof Element && element.closest("#document-text .passage");
  if (!passage) return;
  explicitUntil = performance.now() + HOLD_EXPLICIT;
  followPassage(passage);
}

export function followTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (id) followExplicit(document.getElementById(id));
}

export function installTranscriptionFollow() {
  window.addEventListener("hashchange", followTarget);
  window.addEventListener("resize", followReading);

  document.addEventListener("focusin", function (event) {
    if (!closestIn(event, ".transcription")) followExplicit(event.target);
  });

  ["wheel", "touchstart", "pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        const pane = closestIn(event, "figure.facsimile > .transcription");
        if (pane) paneUsedAt.set(pane, performance.now());
      },
      { capture: true, passive: true }
    );
  });
}
