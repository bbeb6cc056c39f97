/* The sticky bars (site header, view switch). The CSS estimates their heights; they
   are measured here, so that scroll-padding (and the sticky facsimile) clear them even
   when the header wraps, and whatever a link or Tab focuses stays clear of them
   (WCAG 2.4.11). */

const BARS = ".site-header, .view-switch";
const afterMeasuring = [];
const bars = typeof ResizeObserver === "function" ? new ResizeObserver(measureBars) : null;

// listener() runs each time the bars have been measured (what depends on where they end).
export function onBarsMeasured(listener) {
  afterMeasuring.push(listener);
}

function measureBars() {
  const root = document.documentElement.style;
  const header = document.querySelector(".site-header");
  const viewSwitch = document.querySelector(".view-switch");
  root.setProperty("--header-height", (header ? header.offsetHeight : 0) + "px");
  root.setProperty("--switch-height", (viewSwitch ? viewSwitch.offsetHeight : 0) + "px");
  afterMeasuring.forEach((listener) => listener());
}

// Measures the bars now and whenever they change size (on load and after an htmx swap).
export function observeBars() {
  measureBars();
  if (!bars) return;
  bars.disconnect();
  document.querySelectorAll(BARS).forEach((element) => bars.observe(element));
}

// Where the sticky bars end on screen (0 when they are not sticky or scrolled away).
export function stickyBottom() {
  let bottom = 0;
  document.querySelectorAll(BARS).forEach(function (element) {
    const position = getComputedStyle(element).position;
    if (position === "sticky" || position === "fixed") bottom = Math.max(bottom, element.getBoundingClientRect().bottom);
  });
  return bottom;
}
