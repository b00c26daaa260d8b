import type { Source } from '../dataset-schema.ts';
import { AUTHORING_DEFAULTS } from './authoring-defaults.ts';
import { slugify } from './entity-slug.ts';

/** An article as extracted from a page or a text file, before it becomes a source. */
export interface ExtractedArticle {
  /** The headline, when the page or text gives one. */
  title?: string;
  /** The article's paragraphs, separated by blank lines. */
  body: string;
  byline?: string;
  outlet?: string;
  /** An ISO date or date-time, as the page gives it. */
  published?: string;
  url?: string;
}

/** A source ready to be written: its metadata record and its text, byte for byte as stored. */
export interface NewSource {
  source: Source;
  text: string;
}

/** Why an article cannot become a source: a message for the editor. */
export class SourceRejected extends Error {}

/**
 * Turns an extracted article into a source: a stable id from its headline, the headline as the text's first
 * line, and the publication date as a day range. `seed` is the file it came from; `date` (YYYY, YYYY-MM or
 * YYYY-MM-DD), given by the editor, wins over the page's. Throws `SourceRejected` when it is no article.
 */
export function buildSource(article: ExtractedArticle, seed: string, date?: string): NewSource {
  const body = normaliseText(article.body);
  const words = body.split(/\s+/).filter(Boolean).length;
  if (words === 0) throw new SourceRejected('has no text');
  if (words < AUTHORING_DEFAULTS.minArticleWords) {
    throw new SourceRejected(
      `is not an article: ${words} words of text where an article has at least ${AUTHORING_DEFAULTS.minArticleWords}`,
    );
  }
  const title = article.title?.replace(/\s+/g, ' ').trim();
  const text = title && !body.startsWith(title) ? `${title}\n\n${body}\n` : `${body}\n`;
  const day = date ?? isoDay(article.published);
  if (!day) {
    throw new SourceRejected('gives no publication date: pass one with --date YYYY-MM-DD (or YYYY-MM)');
  }
  const [earliest, latest] = dayRange(day);
  const headline = title ?? headlineOf(body);
  const describe = headline ?? `${body.split(/\s+/).slice(0, 12).join(' ')}…`;
  const source: Source = {
    id: slugify(headline ?? describe) || 'source',
    seed,
    title: describe,
    titleInText: headline !== undefined,
    outlet: article.outlet?.trim() || null,
    ...(article.byline?.trim() ? { byline: article.byline.replace(/\s+/g, ' ').trim() } : {}),
    published: { earliest, latest, inferred: false },
    ...(article.url ? { url: article.url } : {}),
  };
  return { source, text };
}

/** Unix line ends, no trailing spaces, at most one blank line between paragraphs. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first line of a text when it reads as a headline: short, and not ending like a sentence. */
export function headlineOf(text: string): string | undefined {
  const first = text.split('\n', 1)[0]?.trim() ?? '';
  const words = first.split(/\s+/).filter(Boolean).length;
  if (words < 3 || words > AUTHORING_DEFAULTS.maxHeadlineWords || /[.,;:]$/.test(first)) return undefined;
  return first;
}

/** The day (or month, or year) an ISO date or date-time names; undefined when it is none. */
export function isoDay(value: string | undefined): string | undefined {
  const match = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]|$)/.exec(value?.trim() ?? '');
  return match?.[1];
}

/** The first and last day of a date given to the year, month or day. */
export function dayRange(iso: string): [string, string] {
  const [y, m, d] = iso.split('-');
  if (d) return [iso, iso];
  if (m) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return [`${y}-${m}-01`, `${y}-${m}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

/** The word 5-grams of a text, folded: what two copies of one article share whatever the page around them. */
function shingles(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const n = AUTHORING_DEFAULTS.shingleWords;
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/**
 * The id of the existing source that holds the same article as `text`, if any: most of the new text's
 * 5-word shingles already occur in it (the same story saved twice, or from another page of the site).
 */
export function duplicateOf(text: string, existing: Readonly<Record<string, string>>): string | undefined {
  const mine = shingles(text);
  if (mine.size === 0) return undefined;
  for (const [id, other] of Object.entries(existing)) {
    const theirs = shingles(other);
    let shared = 0;
    for (const s of mine) if (theirs.has(s)) shared++;
    if (shared / mine.size >= AUTHORING_DEFAULTS.duplicateShingleShare) return id;
  }
  return undefined;
}

/**
 * The id a new source is stored under: its headline's slug, the same every time the same article is added;
 * when another article already has that slug, a short hash of the text follows it.
 */
export function sourceIdFor(base: string, text: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${base}-${(hash >>> 0).toString(16).padStart(8, '0').slice(0, 6)}`;
}
