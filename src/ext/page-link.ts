import type { Candidate } from '../core/matcher/match.ts';
import { decodeCandidates, type MatchReply, type PageRules } from '../core/matcher/match-wire.ts';
import type { Settings } from '../core/settings-schema.ts';
import { isSiteEnabled } from '../core/site-rules.ts';
import { backgroundToContent } from './messages/background-to-content.ts';
import { contentToBackground } from './messages/content-to-background.ts';

/** What the page's highlighting takes from the background (`HighlightSession`). */
export interface FollowingPage {
  apply(settings: Settings, enabled: boolean): void;
  /** `answered`: texts of the page matched under these rules with them, and their candidates. */
  useRules(rules: PageRules, answered?: { texts: readonly string[]; found: Candidate[][] }): void;
}

/**
 * Keeps a page's highlighting in step with the background, which parses the stored settings and holds the
 * dataset: one message at the start (the settings, and the rules where highlighting is on), the rules again
 * when highlighting is switched on later or the reader's packs change (answering the background whether it
 * scans again), the settings whenever the reader changes them. A change told before the first answer arrives
 * wins over it. `texts`: the page's texts, to be matched with the start (a short page: `startTexts`). Resolves
 * once the start is applied; the listeners stay until `signal` aborts.
 */
export async function followBackground(
  page: FollowingPage,
  hostname: string,
  signal: AbortSignal,
  texts?: readonly string[],
): Promise<void> {
  let rules: Promise<void> | undefined;
  const loadRules = () =>
    contentToBackground.sendMessage('pageRules', undefined).then(
      (answer) => page.useRules(answer),
      (error: unknown) => console.debug('News Context: no rules from the background', error),
    );
  const apply = (settings: Settings) => {
    const enabled = isSiteEnabled(settings, hostname);
    page.apply(settings, enabled);
    if (enabled) rules ??= loadRules();
  };
  let told = false;
  const listeners = [
    backgroundToContent.onMessage('datasetChanged', () => {
      if (!rules) return false;
      rules = loadRules();
      return true;
    }),
    backgroundToContent.onMessage('settingsChanged', ({ data }) => {
      told = true;
      apply(data.settings);
    }),
  ];
  signal.addEventListener(
    'abort',
    () => {
      for (const remove of listeners) remove();
    },
    { once: true },
  );
  const start = await contentToBackground.sendMessage('pageStart', { hostname, texts: texts && [...texts] });
  if (signal.aborted) return;
  if (start.rules && !rules) {
    rules = Promise.resolve();
    page.useRules(start.rules, texts && start.found && answeredTexts(texts, start.found));
  }
  if (!told) apply(start.settings);
}

/** The start's candidates of the page's texts; none where the reply is not of their shape (the scan asks again). */
function answeredTexts(
  texts: readonly string[],
  found: MatchReply,
): { texts: readonly string[]; found: Candidate[][] } | undefined {
  try {
    return { texts, found: decodeCandidates(found, texts.length) };
  } catch (error) {
    console.debug('News Context: the start’s candidates cannot be read', error);
    return undefined;
  }
}
