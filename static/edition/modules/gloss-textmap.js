/* The reading text of a passage, and where each character sits in the DOM: text outside
   [data-nontext] elements, whitespace collapsed, exactly as edition/textmap.py computes
   it, so that the server can check the selected words against its own copy of the text
   and find their offsets itself. */

const CONTEXT = 32; // characters of prefix and suffix, as edition/anchoring.py keeps
// Python's str.isspace(), which edition/textmap.py collapses (JavaScript's \s differs slightly).
const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function textMap(body) {
  const chars = [];
  const runs = [];
  let previousSpace = true; // leading whitespace is dropped
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      const nontext = node.parentElement && node.parentElement.closest("[data-nontext]");
      return nontext && body.contains(nontext) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const map = new Array(node.data.length).fill(-1); // raw index -> index in the text (-1: collapsed)
    for (let i = 0; i < node.data.length; i++) {
      const space = SPACE.test(node.data[i]);
      if (space && previousSpace) continue;
      chars.push(space ? " " : node.data[i]);
      map[i] = chars.length - 1;
      previousSpace = space;
    }
    runs.push({ node: node, map: map });
  }
  let text = chars.join("");
  if (text.endsWith(" ")) text = text.slice(0, -1);
  return { text: text, runs: runs };
}

// The TextQuoteSelector of a DOM range within a passage body (exact, and up to CONTEXT
// characters of prefix and suffix) with its start; null when it holds no text.
export function selectorsOf(range, body) {
  const map = textMap(body);
  let start = null;
  let end = null;
  for (const run of map.runs) {
    if (!range.intersectsNode(run.node)) continue;
    const from = run.node === range.startContainer ? range.startOffset : 0;
    const to = run.node === range.endContainer ? range.endOffset : run.node.data.length;
    for (let i = from; i < to; i++) {
      if (run.map[i] < 0) continue;
      if (start === null) start = run.map[i];
      end = run.map[i] + 1;
    }
  }
  if (start === null) return null;
  const text = map.text;
  end = Math.min(end, text.length);
  while (start < end && text[start] === " ") start++;
  while (end > start && text[end - 1] === " ") end--;
  if (start >= end) return null;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    start: String(start),
  };
}
