/**
 * The page benchmark's floor (`npm run bench:page -- --floor`), a reference for the bench and no part of the
 * product: the least a highlighter that matches page text in its background can do on a page. One walk of the
 * body's text nodes, their texts in one message, and in the reply one Range per match, registered as one
 * Highlight with one constructed style sheet. Nothing else: no observers, no skipped regions, no visibility
 * checks.
 */
const NAME = 'bench-floor';

const nodes = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);

// The reply: [textIndex, start, end, ...] for every match (background.js).
chrome.runtime.sendMessage(
  nodes.map((node) => node.data),
  (triples) => {
    if (!Array.isArray(triples)) return;
    const highlight = new Highlight();
    for (let i = 0; i < triples.length; i += 3) {
      const range = new Range();
      range.setStart(nodes[triples[i]], triples[i + 1]);
      range.setEnd(nodes[triples[i]], triples[i + 2]);
      highlight.add(range);
    }
    CSS.highlights.set(NAME, highlight);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`::highlight(${NAME}) { text-decoration: underline dotted; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  },
);
