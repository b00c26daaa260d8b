import type { Candidate } from '../core/matcher/match.ts';
import { decodeCandidates, encodeTexts, type MatchReply, type PageRules } from '../core/matcher/match-wire.ts';
import type { Settings } from '../core/settings-schema.ts';
import { isSiteEnabled } from '../core/site-rules.ts';
import { backgroundToContent } from './messages/background-to-content.ts';
import { contentToBackground } from './messages/content-to-background.ts';

/** A short page's texts walked at the start (`startWalk` in src/page), with what read them: dropped where unused. */
export interface StartTexts {
  readonly texts: readonly string[];
  drop(): void;
}

/** What the page's highlighting takes from the background (`HighlightSession`). */
export interface FollowingPage<W extends StartTexts = StartTexts> {
  apply(settings: Settings, enabled: boolean): void;
  /** `answered`: texts of the page matched under these rules with them, their candidates, and the walk that read them. */
  useRules(rules: PageRules, answered?: { texts: readonly string[]; found: Candidate[][]; walk: W }): void;
}

/**
 * Keeps a page's highlighting in step with the background, which parses the stored settings and holds the
 * dataset: one message at the start (the settings, and the rules where highlighting is on), the rules again
 * when highlighting is switched on later or the reader's packs change (answering the background whether it
 * scans again), the settings whenever the reader changes them. A change told before the first answer arrives
 * wins over it. `walk`: the page's texts, to be matched with the start, and its blocks (a short page:
 * `startWalk`); dropped where the start does not use them. Resolves once the start is applied; the listeners
 * stay until `signal` aborts.
 */
export async function followBackground<W extends StartTexts>(
  page: FollowingPage<W>,
  hostname: string,
  signal: AbortSignal,
  walk?: W,
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
  const start = await contentToBackground
    .sendMessage('pageStart', { hostname, texts: walk && encodeTexts(walk.texts) })
    .catch((error: unknown) => {
      walk?.drop();
      throw error;
    });
  const answered = walk && start.found && answeredTexts(walk, start.found);
  if (signal.aborted || !start.rules || rules || !answered) walk?.drop();
  if (signal.aborted) return;
  if (start.rules && !rules) {
    rules = Promise.resolve();
    page.useRules(start.rules, answered);
  }
  if (!told) apply(start.settings);
}

/** The start's candidates of the page's texts; none where the reply is not of their shape (the scan asks again). */
function answeredTexts<W extends StartTexts>(
  walk: W,
  found: MatchReply,
): { texts: readonly string[]; found: Candidate[][]; walk: W } | undefined {
  try {
    return { texts: walk.texts, found: decodeCandidates(found, walk.texts.length), walk };
  } catch (error) {
    console.debug('News Context: the start’s candidates cannot be read', error);
    return undefined;
  }
}
