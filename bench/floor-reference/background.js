/**
 * The service worker of the page benchmark's floor (see content.js), a reference for the bench and no part of
 * the product: ONE RegExp alternation of our aliases (`NC_FLOOR_PATTERN`, put in at build time by
 * build-floor.ts), matched against every text a page sends; the reply is flat [textIndex, start, end, ...].
 */
const pattern = new RegExp(NC_FLOOR_PATTERN, 'gu');

chrome.runtime.onMessage.addListener((texts, _sender, sendResponse) => {
  const triples = [];
  for (const [index, text] of texts.entries()) {
    for (const match of text.matchAll(pattern)) triples.push(index, match.index, match.index + match[0].length);
  }
  sendResponse(triples);
});
