/**
 * The reference highlighter the page benchmark compares us with: what a keyword-highlighting extension does
 * with mark.js. At document_idle it marks every match of ONE RegExp alternation of our aliases, with Unicode
 * word boundaries, in one synchronous pass, skipping the regions our content script skips. The alias
 * patterns come in at build time (`NC_ALIAS_PATTERNS`, see build-reference.ts).
 */
import Mark from 'mark.js';

/**
 * The regions we skip (src/page/page-defaults.ts and collect-text-nodes.ts): navigation and menus, controls,
 * the site's footer and sidebars (a footer inside an article or main, an aside inside an article are text),
 * code and form fields, editable and hidden content. mark.js tests a text node's parent element only, so
 * each region is listed with its descendants.
 */
const SKIPPED = [
  'nav',
  'menu',
  'footer:not(article footer, main footer)',
  'aside:not(article aside)',
  'button',
  'script',
  'style',
  'code',
  'pre',
  'textarea',
  'input',
  'select',
  '[contenteditable]',
  '[hidden]',
  '[aria-hidden="true"]',
];

// Longest aliases first: an alternation takes the first branch that matches.
const pattern = `(?<![\\p{L}\\p{N}])(?:${NC_ALIAS_PATTERNS.join('|')})(?![\\p{L}\\p{N}])`;
new Mark(document.body).markRegExp(new RegExp(pattern, 'gu'), {
  exclude: SKIPPED.flatMap((selector) => [selector, `${selector} *`]),
});
