/**
 * Where the content scripts run (the highlighting one and `marks-style`, which must meet in every frame): every
 * frame the page shows text in, same-origin frames and frames the page writes itself (about:blank, srcdoc), which
 * have no URL of their own to match.
 */
export const PAGE_FRAMES = {
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // WXT's start message by window.postMessage is seen by every script of the page; its DOM event suffices.
  noScriptStartedPostMessage: true,
};

/** Chromium's highlight pseudo-elements inherit from their parent's; Firefox's do not (yet). */
export const HIGHLIGHTS_INHERIT = !import.meta.env.FIREFOX;
