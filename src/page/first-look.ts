import { afterNextFrame } from '../core/after-next-frame.ts';
import type { Candidate } from '../core/matcher/match.ts';
import { CHROME_SELECTOR, isPageChrome } from './collect-text-nodes.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { type FindCandidates, windowsOf } from './page-scanner.ts';

/**
 * Whether the page may mention something of the dataset, from one look at the text it shows: the matcher finds
 * a candidate in it. Most pages a reader opens mention nothing; they then pay for this look (one read of text
 * the browser has laid out already, one message) and not for the walk, the mention store, the observers and
 * the code behind them. Names found only in the site's chrome (navigation, footer, sidebars: the walk leaves
 * them out) do not count. Where the look could miss a mention, the answer is yes, and the full scan decides: a
 * long page (its text would be read twice), a page with open shadow roots (the body's text leaves them out),
 * and a matcher that cannot answer.
 */
export async function mayMention(doc: Document, find: FindCandidates): Promise<boolean> {
  // Read without layout, so a page the look leaves to the full scan does not wait a frame for nothing. Read
  // once: every page pays for it, and what changes in the frame below is the watcher's to report.
  const body = doc.body;
  if (!lookable(body)) return true;
  // After a frame, so the layout the rendered text needs is the page's own, not forced by us.
  await afterNextFrame(PAGE_DEFAULTS.firstFrameTimeoutMs);
  // A page that replaced its body meanwhile is looked at by the full scan.
  if (doc.body !== body) return true;
  // The rendered text: blocks apart (no name runs into the next paragraph's first word), inline markup joined
  // (a drop cap stays in its word), and nothing a style hides.
  const text = body.innerText ?? body.textContent ?? '';
  if (!/\S/.test(text)) return false;
  // The site's navigation, footer and sidebars name places on every page ("World | US | Europe"); the walk
  // leaves them out, so names found there as often as in the whole text do not count.
  const windows = windowsOf(text);
  const chrome = chromeTexts(body);
  try {
    const found = await find([...windows, ...chrome]);
    const inChrome = tally(found.slice(windows.length), chrome);
    const inPage = tally(found.slice(0, windows.length), windows);
    for (const [key, count] of inPage) if (count > (inChrome.get(key) ?? 0)) return true;
    return false;
  } catch {
    return true;
  }
}

/**
 * Resolves once the page may mention something: at once if the first look says so, else after a later look,
 * taken when the page has added, changed or revealed text (at most one look per `lookAgainMs`). `looked`: the
 * page as it is now was looked at already and mentions nothing, so only its changes are. Never resolves once
 * `signal` aborts.
 */
export function whenPageMayMention(
  doc: Document,
  find: FindCandidates,
  signal: AbortSignal,
  looked = false,
): Promise<void> {
  return new Promise((resolve) => {
    let looking = false;
    let changed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      changed = true;
      if (!looking && timer === undefined) timer = setTimeout(look, PAGE_DEFAULTS.lookAgainMs);
    });
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    signal.addEventListener('abort', stop, { once: true });
    const look = async () => {
      timer = undefined;
      looking = true;
      changed = false;
      const may = await mayMention(doc, find);
      looking = false;
      if (signal.aborted) return;
      if (may) {
        stop();
        resolve();
      } else if (changed) timer = setTimeout(look, PAGE_DEFAULTS.lookAgainMs);
    };
    if (signal.aborted) return;
    // Text added or edited, and what can reveal hidden text (a class, a style, `hidden`, a `<details>` opened).
    observer.observe(doc, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'open'],
    });
    // Already looked at (the start's answer said the page mentions nothing): only what changes is looked at.
    if (!looked) void look();
  });
}

/** Whether one look can tell what the page shows: short enough, and no open shadow root whose text it would miss. */
function lookable(body: HTMLElement | null): body is HTMLElement {
  return body !== null && !textLongerThan(body, PAGE_DEFAULTS.firstLookMaxChars) && !hasShadowRoot(body);
}

/**
 * Whether the text under `root` has more than `max` characters: counted node by node, stopping past `max`, so a
 * long page is told so from its first screens of text without copying all of it into one string.
 */
function textLongerThan(root: Node, max: number): boolean {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let length = 0;
  for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
    length += (node as Text).length;
    if (length > max) return true;
  }
  return false;
}

/** The text of each outermost element of page chrome under `root`, as it is shown. */
function chromeTexts(root: Element): string[] {
  const texts: string[] = [];
  let last: Element | undefined;
  for (const element of root.querySelectorAll(CHROME_SELECTOR)) {
    if (last?.contains(element) || !isPageChrome(element)) continue;
    last = element;
    const text = (element as HTMLElement).innerText ?? element.textContent ?? '';
    if (/\S/.test(text)) texts.push(text);
  }
  return texts;
}

/** How many candidates of each entity, by the words they cover, the texts hold. */
function tally(found: readonly Candidate[][], texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [i, candidates] of found.entries())
    for (const { id, start, end } of candidates) {
      const key = `${id}\u0000${texts[i]?.slice(start, end)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

/** Whether an element under `root` hosts an open shadow root (whose text the full walk enters). */
function hasShadowRoot(root: Element): boolean {
  if (root.shadowRoot) return true;
  for (const element of root.getElementsByTagName('*')) if (element.shadowRoot) return true;
  return false;
}
