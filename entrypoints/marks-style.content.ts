import { DEFAULT_MARK_LOOK } from '../src/core/mark-style.ts';
import { contentToBackground } from '../src/ext/messages/content-to-background.ts';
import { HIGHLIGHTS_INHERIT, PAGE_FRAMES } from '../src/ext/page-frames.ts';
import { leavePageStyle } from '../src/page/page-style.ts';

/**
 * Runs before the page is parsed, in the same frames as the highlighting script (entrypoints/content), and does
 * one thing: adopts the marks' style sheet with the rules of the default look, and asks the background for the
 * reader's, which replaces them where it differs (or takes the sheet away where highlighting is off), so the
 * rules are there before the page's elements have a style (a `::highlight()` rule arriving after them restyles
 * every element of the page: src/page/highlight-styles.ts). A classic script the browser runs at
 * once: a module would be imported too late on a long page. In Chromium its last line imports the highlighting
 * module (modules/content-script-as-module.ts).
 */
export default defineContentScript({
  ...PAGE_FRAMES,
  runAt: 'document_start',
  main() {
    const { sheet } = leavePageStyle(document, { ...DEFAULT_MARK_LOOK, inherited: HIGHLIGHTS_INHERIT });
    contentToBackground.sendMessage('pageLook', { hostname: location.hostname }).then(
      // No look: highlighting is off on this site, and the page keeps no sheet of ours.
      (look) => sheet.offer(look && { ...look, inherited: HIGHLIGHTS_INHERIT }),
      () => {},
    );
  },
});
