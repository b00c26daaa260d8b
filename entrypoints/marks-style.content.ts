import { contentToBackground } from '../src/ext/messages/content-to-background.ts';
import { HIGHLIGHTS_INHERIT, PAGE_FRAMES } from '../src/ext/page-frames.ts';
import { leavePageStyle } from '../src/page/page-style.ts';

/**
 * Runs before the page is parsed, in the same frames as the highlighting script (entrypoints/content), and does
 * one thing: asks the background for the marks' look and adopts their style sheet, so the sheet is there
 * before the page's elements have a style (a `::highlight()` rule arriving after them restyles every element
 * of the page: src/page/highlight-styles.ts). A classic script the browser runs at once: a module would be
 * imported too late on a long page.
 */
export default defineContentScript({
  ...PAGE_FRAMES,
  runAt: 'document_start',
  main() {
    const { sheet } = leavePageStyle(document);
    contentToBackground.sendMessage('pageLook', { hostname: location.hostname }).then(
      (look) => {
        if (look) sheet.offer({ ...look, inherited: HIGHLIGHTS_INHERIT });
      },
      () => {},
    );
  },
});
