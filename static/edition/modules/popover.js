/* On a wide screen with a fine pointer, a note marker's note (and a person's, term's or
   place's short identification) also shows in a popover on hover and on keyboard focus.
   It can be hovered, stays while the marker is hovered or focused, and Escape closes it
   (WCAG 1.4.13). It never takes focus. Positions are set through the CSSOM (strict CSP). */

import { closestIn, landmark, phone } from "./dom.js";
import { MARKER, copyOfNote, noteOf } from "./notes.js";
import { stickyBottom } from "./sticky-bars.js";

// Links to persons, terms and places: their short identification shows the same way.
const ENTITY = "a.entity[title], a.entity[data-ident]";
const GLANCEABLE = MARKER + ", " + ENTITY;
const canPopover = typeof HTMLElement.prototype.showPopover === "function";

let popover = null; // created on first use
let popoverMarker = null; // the marker the open popover describes
let dismissed = null; // a marker whose popover stays shut until it is left (Escape, or just followed)
let hideTimer = 0;
let showTimer = 0;
// A popover opens on a short hover intent: the pointer rests on the word this long. Passing
// over words while reading, or dragging across them to select, opens nothing.
const HOVER_INTENT_MS = 350;

function selecting() {
  const selection = window.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim());
}

function cancelShow() {
  window.clearTimeout(showTimer);
}

function popoverElement() {
  if (popover && popover.isConnected) return popover;
  popover = document.createElement("div");
  popover.id = "note-popover";
  popover.className = "note-popover";
  // A tooltip describing its marker: the marker keeps its name ("Note 3") and the
  // note's text becomes its description. The link is for pointer users; keyboard
  // users follow the marker itself.
  popover.setAttribute("role", "tooltip");
  popover.innerHTML = '<div class="note-popover-text" id="note-popover-text"></div>' + '<p class="note-popover-go"><a tabindex="-1"></a></p>';
  if (canPopover) popover.setAttribute("popover", "manual");
  else popover.hidden = true;
  popover.addEventListener("pointerenter", cancelHide);
  popover.addEventListener("pointerleave", scheduleHide);
  popover.querySelector(".note-popover-go a").addEventListener("click", hidePopover);
  landmark().append(popover);
  return popover;
}

function popoverIsOpen() {
  return Boolean(popoverMarker && popover && popover.isConnected);
}

// What an entity link's popover says: its name, kind and identification. The title
// attribute (the no-JavaScript hint) moves to data-ident, so no native tooltip doubles it.
function entityOf(link) {
  if (link.hasAttribute("title")) {
    link.dataset.ident = link.title;
    link.removeAttribute("title");
  }
  const [name, ...rest] = link.dataset.ident.split(": ");
  const kind = (link.className.match(/\bentity--([\w-]+)/) || [])[1] || "entry";
  const head = document.createElement("p");
  head.className = "note-head";
  const strong = document.createElement("strong");
  strong.textContent = name;
  const label = document.createElement("span");
  label.className = "note-kind";
  label.textContent = " " + kind;
  head.append(strong, label);
  const body = document.createElement("p");
  body.textContent = rest.join(": ");
  return { kind: "entity", parts: [head, body], href: link.getAttribute("href"), go: "Go to the entry for " + name };
}

function showPopover(marker) {
  cancelHide();
  if (popoverMarker === marker && popoverIsOpen()) return;
  const isEntity = marker.matches(ENTITY);
  const note = isEntity ? null : noteOf(marker);
  if (!isEntity && !note) return;
  hidePopover();
  const element = popoverElement();
  const text = element.querySelector(".note-popover-text");
  const go = element.querySelector(".note-popover-go a");
  if (isEntity) {
    const entity = entityOf(marker);
    text.replaceChildren(...entity.parts);
    go.href = entity.href;
    go.textContent = entity.go;
  } else {
    text.replaceChildren(copyOfNote(note, true));
    go.href = "#" + note.id;
    go.textContent = "Go to note " + note.number;
  }
  element.className = "note-popover note-popover--" + (isEntity ? "entity" : note.kind || "note");
  marker.setAttribute("aria-describedby", text.id);
  popoverMarker = marker;
  if (canPopover) element.showPopover();
  else element.hidden = false;
  placePopover(element, marker);
}

export function hidePopover() {
  cancelHide();
  if (popoverMarker) popoverMarker.removeAttribute("aria-describedby");
  popoverMarker = null;
  if (!popover) return;
  if (!canPopover) popover.hidden = true;
  else if (popover.matches(":popover-open")) popover.hidePopover();
}

// Hidden and taken out of the page (htmx's history snapshot must not keep it).
export function removePopover() {
  hidePopover();
  if (popover) popover.remove();
}

// The marker's popover stays shut until the pointer or the focus leaves it: its note
// was just followed, or focus is coming back to it from the note.
export function keepShut(marker) {
  dismissed = marker;
}

// Below the marker, or above it when there is no room below; never off the side.
// The popover is absolutely positioned against the document, so it scrolls with the text.
function placePopover(element, marker) {
  const box = marker.getBoundingClientRect();
  const gap = 6;
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const viewportWidth = document.documentElement.clientWidth;
  const left = Math.max(8, Math.min(box.left, viewportWidth - width - 8));
  let top = box.bottom + gap;
  if (top + height > window.innerHeight - 8 && box.top - gap - height >= stickyBottom()) top = box.top - gap - height;
  element.style.left = left + window.scrollX + "px";
  element.style.top = top + window.scrollY + "px";
}

function cancelHide() {
  window.clearTimeout(hideTimer);
}

// A short grace period lets the pointer travel from the marker onto the popover.
function scheduleHide() {
  cancelHide();
  hideTimer = window.setTimeout(function () {
    const marker = popoverMarker;
    if (!marker) return;
    if (marker.matches(":hover") || marker === document.activeElement || (popover && popover.matches(":hover"))) return;
    hidePopover();
  }, 300);
}

export function installPopover() {
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch" || phone.matches) return;
    const marker = closestIn(event, GLANCEABLE);
    if (!marker || marker === dismissed || marker.contains(event.relatedTarget)) return;
    if (popoverMarker === marker && popoverIsOpen()) return cancelHide();
    cancelShow();
    if (event.buttons) return; // a button is down: the reader is selecting, or dragging
    showTimer = window.setTimeout(function () {
      if (marker.matches(":hover") && !selecting()) showPopover(marker);
    }, HOVER_INTENT_MS);
  });

  // Selecting text closes the popover and keeps it shut.
  document.addEventListener("pointerdown", cancelShow);
  document.addEventListener("selectionchange", function () {
    if (!selecting()) return;
    cancelShow();
    if (popoverIsOpen() && !(popover && popover.contains(window.getSelection().anchorNode))) hidePopover();
  });

  document.addEventListener("pointerout", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    if (!marker || marker.contains(event.relatedTarget)) return;
    cancelShow();
    if (dismissed === marker && marker !== document.activeElement) dismissed = null;
    if (popoverMarker === marker) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    // Keyboard focus only: a mouse click focuses the link too, but hover already showed it.
    if (marker && !phone.matches && marker !== dismissed && marker.matches(":focus-visible") && !selecting()) showPopover(marker);
  });

  document.addEventListener("focusout", function (event) {
    const marker = closestIn(event, GLANCEABLE);
    if (!marker) return;
    if (marker.matches(":hover")) return;
    if (dismissed === marker) dismissed = null;
    if (popoverMarker === marker) hidePopover();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !popoverIsOpen()) return;
    dismissed = popoverMarker;
    hidePopover();
  });

  window.addEventListener("resize", hidePopover);
}
