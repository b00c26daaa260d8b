/** Thresholds, budgets and delays of the content script's page side, in one place. */
export const PAGE_DEFAULTS = Object.freeze({
  /** Work per time slice before yielding to the page (the budget for "no long task"). */
  sliceMs: 8,
  /** At most this many ranges are added to our highlights per slice (each add invalidates paint). */
  maxRangesPerSlice: 400,
  /** At most this many layout reads (on-screen checks for "visible first") per slice. */
  maxLayoutReadsPerSlice: 150,
  /** The block walker offers to stop after visiting this many nodes without finishing a block. */
  walkStepNodes: 200,
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
  /** A mutation batch touching more blocks than this triggers one full rescan instead. */
  fullRescanBlocks: 400,
  /** How often we check that the page has not cleared our highlights. */
  reattachEveryMs: 1500,
  /** Hover: close this long after the pointer leaves both the mention and the card. */
  closeDelayMs: 300,
  /** Margin (px) kept between the card and the viewport's edges. */
  viewportPadding: 8,
  /** Gap (px) between the hovered line and the card. */
  cardOffset: 6,
  /** How long a revealed mention flashes. */
  flashMs: 1600,
});

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

/** The tag name of our card's host element: never scanned, the only node we add to a page. */
export const HOST_TAG = 'NEWS-CONTEXT-CARD';
