// The page a search result opens: the searched words are marked, and the reader can step
// from one hit to the next. Progressive enhancement: without JavaScript the link still
// lands on the passage. The words come in the address (?hl=IL-28&hl=IL-28'S), as the
// search results page wrote them; forms are matched loosely (case, hyphens, apostrophes,
// a plural s), so IL-28 also marks IL-28'S elsewhere in the document.

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SKIP = ".facsimile, .transcription, .passage-tools, .visually-hidden, .search-steps, script, style, textarea, input, button, select";

export function wordKey(word) {
  return word.toLowerCase().replace(/['’-]/g, "").replace(/s$/, "");
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (!node.nodeValue.trim()) return NodeFilter.FILTER_REJECT;
      return node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

function markWords(root, keys) {
  const marks = [];
  for (const node of textNodes(root)) {
    const text = node.nodeValue;
    const found = [...text.matchAll(WORD)].filter((m) => keys.has(wordKey(m[0])));
    if (!found.length) continue;
    const fragment = document.createDocumentFragment();
    let position = 0;
    for (const match of found) {
      fragment.append(text.slice(position, match.index));
      const mark = document.createElement("mark");
      mark.className = "search-hit";
      mark.textContent = match[0];
      mark.tabIndex = -1;
      fragment.append(mark);
      marks.push(mark);
      position = match.index + match[0].length;
    }
    fragment.append(text.slice(position));
    node.replaceWith(fragment);
  }
  return marks;
}

function stepBar(words, marks) {
  const bar = document.createElement("div");
  bar.className = "search-steps";
  bar.setAttribute("role", "region");
  bar.setAttribute("aria-label", "Search hits in this document");
  const status = document.createElement("p");
  status.className = "search-steps-status";
  status.setAttribute("aria-live", "polite");
  const buttons = ["Previous hit", "Next hit", "Clear highlighting"].map((label) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    return button;
  });
  bar.append(status, ...buttons);
  let current = -1;
  const label = () => `“${words.join("”, “")}”: hit ${current + 1} of ${marks.length}`;
  const setCurrent = (index) => {
    if (current >= 0) marks[current].classList.remove("search-hit--current");
    current = (index + marks.length) % marks.length;
    marks[current].classList.add("search-hit--current");
    status.textContent = label();
  };
  const show = (index) => {
    setCurrent(index);
    marks[current].scrollIntoView({ block: "center" });
    marks[current].focus({ preventScroll: true });
  };
  buttons[0].addEventListener("click", () => show(current < 0 ? marks.length - 1 : current - 1));
  buttons[1].addEventListener("click", () => show(current + 1));
  buttons[2].addEventListener("click", () => {
    for (const mark of marks) mark.replaceWith(mark.textContent);
    bar.remove();
  });
  status.textContent = `“${words.join("”, “")}”: ${marks.length} hit${marks.length === 1 ? "" : "s"} in this document`;
  return { bar, setCurrent };
}

function start() {
  const words = new URLSearchParams(location.search).getAll("hl").map((w) => w.trim()).filter(Boolean).slice(0, 12);
  const main = document.querySelector("main");
  if (!words.length || !main) return;
  const marks = markWords(main, new Set(words.map(wordKey)));
  if (!marks.length) return;
  const steps = stepBar(words, marks);
  main.prepend(steps.bar);
  // The hit the result pointed to is the current one; the browser has scrolled to its passage already.
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const landed = target ? marks.findIndex((mark) => target.contains(mark)) : -1;
  if (landed >= 0) steps.setCurrent(landed);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
