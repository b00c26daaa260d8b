/** Thresholds, budgets and delays of the content script's page side, in one place. */
export const PAGE_DEFAULTS = Object.freeze({
  /**
   * Work per time slice before yielding to the page (the budget for "no long task"): long enough that a page's
   * scan is a few tasks rather than dozens (each costs a yield and a wake-up), short enough to stay far below 50 ms.
   */
  sliceMs: 12,
  /**
   * Mentions are drawn (ranges registered) only in blocks within this many screens of the viewport, above and
   * below (an IntersectionObserver's rootMargin of 200%), so scrolling never reaches undrawn text.
   */
  viewportMarginScreens: 2,
  /**
   * The viewport window watches about one block in this many (and the first and last): the browser computes
   * every watched element's intersection on every frame of a scroll.
   */
  viewportGroupBlocks: 16,
  /**
   * While the reader scrolls, the drawing follows the viewport window at most this often: Chromium repaints the
   * whole page after any change to the registered ranges (on a 1 MB page, 4 to 8 ms of pre-paint and about 10
   * ms of paint a change, where a frame without one takes under a millisecond), and the window's margin of two
   * screens leaves far more time than this before the reader reaches undrawn text.
   */
  windowSyncMs: 200,
  /**
   * When the drawing follows a scroll, it also draws this many times as many blocks as are near, beyond them in
   * the reader's direction, and changes nothing more until the window reaches blocks it did not draw: one change
   * every several screens of a long scroll instead of one at nearly every sync (on the 1 MB page about five a
   * second, each a repaint of the page). Twice took a third more off the scroll's cost than once (measured:
   * docs/measurements.md, the page's fourteenth round).
   */
  scrollDrawAhead: 2,
  /**
   * Blocks that left the window while the reader scrolls keep their ranges until a change that draws anyway
   * (or until they are as many as the blocks near the viewport), so that leaving costs no repaint of its own;
   * once the window has not moved for this long, the drawing is brought back to the window exactly.
   */
  scrollSettleMs: 1000,
  /** The block walker offers to stop after visiting this many nodes without finishing a block. */
  walkStepNodes: 200,
  /**
   * Text sent to the matcher in a scan's first batch, at most (UTF-16 units; one block longer than this goes
   * alone, in windows), so the top of the page is marked soon. Each next batch of the scan may be twice as
   * large, up to `maxBatchChars`: every message has a fixed cost on both sides (a 1 MB page took 42 at this
   * size), and the batch bounds the marks recorded in one task when the answer comes (about 1,600 at most
   * on a dense live blog).
   */
  batchChars: 24_000,
  maxBatchChars: 96_000,
  /** A block's text is matched in windows of at most this many UTF-16 units, one window at a time. */
  maxMatchChars: 16_384,
  /** Windows overlap by this much (more than the longest alias), so no name is cut at a window's edge. */
  matchOverlapChars: 512,
  /**
   * Before the first slice of a full scan, wait for the next frame, so the style recalc and layout a 1 MB page
   * needs are the renderer's, not forced by our first layout read (measured: 50+ ms); a hidden tab never
   * renders, so never wait longer than this.
   */
  firstFrameTimeoutMs: 1000,
  /**
   * A script imported before the page is parsed starts once it is (`whenParsed`), at an idle moment, waiting for
   * one at most this long: as long as Chromium's `document_idle` waits.
   */
  parsedIdleTimeoutMs: 200,
  /**
   * A page whose text is at most this long (UTF-16 units) is looked at once before anything else is set up,
   * and left alone while the matcher finds nothing in it (src/page/first-look.ts); a longer page is scanned
   * at once (the look would read its text twice, and a long page is rarely one that mentions nothing). The
   * start's walk sends a page's text with the first message up to the same length (src/page/start-texts.ts).
   */
  firstLookMaxChars: 32_768,
  /**
   * When the reader's packs change, a page keeps its marks while it scans again, and the new ones take over once
   * the page is scanned and drawn, or after this long at most: a page that never stops changing (a ticker) keeps
   * the scan going, and marks of a pack switched off must not stay.
   */
  handOverMaxMs: 1000,
  /** On a page the first look left alone, text the page adds or reveals is looked at again this much later. */
  lookAgainMs: 500,
  /** A mutation batch touching more blocks than this triggers one full rescan instead. */
  fullRescanBlocks: 400,
  /** Mutation records are gathered this long before they are reduced and acted on. */
  mutationBatchMs: 50,
  /** After a class or style change, visibility of mentions under it is re-read this much later, at most once. */
  recheckMs: 250,
  /** More restyled elements than this in one re-read: re-read every block instead of finding those under them. */
  maxRestyledTargets: 32,
  /** How many times the card's host is put back after the page removed it, per page, before cards give up. */
  maxHostReinserts: 8,
  /**
   * How many times the marks' style sheet is adopted again after the page's script replaced the document's
   * sheets, per page: each time restyles every element, so a page that keeps doing it is left without our colours.
   */
  maxSheetReadopts: 8,
  /** How often we check that the page has not cleared our highlights. */
  reattachEveryMs: 1500,
  /** Hover: close this long after the pointer leaves both the mention and the card. */
  closeDelayMs: 300,
  /** How long a revealed mention flashes. */
  flashMs: 1600,
  /**
   * Page chrome: the site's navigation, controls, masthead, footer and sidebars, whose names ("World | US |
   * Europe", "Follow US") are not the article's; a false mark there costs more trust than a missed one. Each
   * rule names elements by tag or by ARIA role (the attribute's first token; a role listed here decides
   * before the tag), and such an element is skipped with its subtree unless an ancestor matches `keptInside`:
   * - navigation, menus, toolbars, tab lists and search are never article text, wherever they sit (a table
   *   of contents in an article only repeats its headings);
   * - buttons are controls (share, follow, subscribe), kept only inside a heading, where the WAI-ARIA
   *   accordion pattern puts an explainer's section title in a button;
   * - a footer or banner belongs to its nearest article or main (HTML-AAM maps it to a page landmark only
   *   outside them): inside one it holds a byline, credits or an article's header, outside it is the site's;
   * - an aside is article text only inside an article (a pull quote, a fact box): HTML-AAM keeps an aside in
   *   main a complementary landmark, and there it is a sidebar of related stories or most-read lists.
   * Bare `header` (an article's headline sits in one on pages without `<article>`), `section` and `form`
   * (some sites wrap a whole page in one) are never chrome by themselves.
   */
  chrome: Object.freeze([
    chromeRule(['NAV', 'MENU', 'SEARCH'], ['navigation', 'menu', 'menubar', 'toolbar', 'tablist', 'search'], null),
    chromeRule(['BUTTON'], ['button'], 'h1, h2, h3, h4, h5, h6, [role="heading"]'),
    chromeRule(['FOOTER'], ['contentinfo', 'banner'], 'article, main, [role="article"], [role="main"]'),
    chromeRule(['ASIDE'], ['complementary'], 'article, [role="article"]'),
  ]),
});

/** One kind of page chrome: its elements by upper-case tag and by ARIA role, and where it is article text. */
export interface ChromeRule {
  readonly tags: readonly string[];
  readonly roles: readonly string[];
  /** A selector for the ancestors inside which these elements are article text; null: never. */
  readonly keptInside: string | null;
}

function chromeRule(tags: string[], roles: string[], keptInside: string | null): ChromeRule {
  return Object.freeze({ tags: Object.freeze(tags), roles: Object.freeze(roles), keptInside });
}

/** Tags whose contents are inline: their text joins the surrounding block's text before matching. */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'DEL',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'WBR',
]);
