import { foldWord, stripMarks } from '../../../../src/core/fold-text.ts';
import {
  CASE_MODE,
  contextRuleOf,
  FLAG_CAPITALISED,
  FLAG_FUZZY,
  FLAG_PLURAL,
  FLAG_QUALIFIABLE,
  type MatcherTables,
} from '../../../../src/core/matcher/compile-matcher.ts';
import { wordCaseMatches } from '../../../../src/core/matcher/letter-case.ts';
import type { MatcherIndex } from '../../../../src/core/matcher/load-matcher.ts';
import type { Candidate } from '../../../../src/core/matcher/match.ts';
import { MATCHER_DEFAULTS as D } from '../../../../src/core/matcher/matcher-defaults.ts';
import { applyNameRules } from '../../../../src/core/matcher/name-rules.ts';
import { parseAlias, SEP_GAP } from '../../../../src/core/matcher/parse-alias.ts';
import { SEP, TOKEN_SKIP, TokenStream } from '../../../../src/core/matcher/token-stream.ts';

/**
 * The matcher's rules written as plainly as possible, over `Map`s and arrays, to check the typed-array
 * `findCandidates` against (`find-matches.reference.test.ts`): the tokenizer and the name rules that run on
 * the found candidates (`name-rules.ts`, tested on their own) are shared, nothing else is.
 */
interface Alias {
  keys: string[];
  forms: string[];
  seps: number[];
  dot: boolean;
  id: string;
  flags: number;
  maxGap: number;
  order: number;
}

type Token = { start: number; end: number; sep: number; skip: boolean; key: string; raw: string };

/** One edit (insertion, deletion, substitution, adjacent swap) at most, by the textbook table. */
function withinOneEdit(a: string, b: string): boolean {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => i + j),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  return at(a.length, b.length) <= 1;
}

const inflects = (long: string, short: string) =>
  long.length === short.length + 1 && long.startsWith(short) && D.fuzzyBlockedSuffixes.includes(long.at(-1) ?? '');

export function referenceMatcher(tables: MatcherTables, index: MatcherIndex) {
  const byFirst = new Map<string, Alias[]>();
  const fuzzy = new Map<string, string>();
  tables.aliases.forEach(([text, idIndex, flags, maxGap], order) => {
    const p = parseAlias(text);
    const id = tables.ids[idIndex] as string;
    if (!p) return;
    const variants = [p.keys];
    if (flags & FLAG_PLURAL) variants.push([...p.keys.slice(0, -1), `${p.keys.at(-1)}s`]);
    for (const keys of variants) {
      const forms = keys === p.keys ? p.forms : [...p.forms.slice(0, -1), `${p.forms.at(-1)}s`];
      const alias = { keys, forms, seps: p.seps, dot: p.trailingDot, id, flags, maxGap, order };
      byFirst.set(keys[0] as string, [...(byFirst.get(keys[0] as string) ?? []), alias]);
    }
    if (flags & FLAG_FUZZY && p.keys.length === 1) fuzzy.set(p.keys[0] as string, id);
  });
  const noFuzzy = new Set(tables.noFuzzy);
  const ruleIds = tables.contexts.map(([of]) => of.map((n) => tables.ids[n]));

  return (text: string): Candidate[] => {
    const stream = new TokenStream(text);
    const t: Token[] = [];
    for (let i = 0; stream.has(i); i++)
      t.push({
        start: stream.start(i),
        end: stream.end(i),
        sep: stream.sep(i),
        skip: (stream.flag(i) & TOKEN_SKIP) !== 0,
        key: stream.key(i),
        raw: stream.raw(i),
      });
    const crossable = (k: number) =>
      t[k]?.sep === SEP.JOIN || t[k]?.sep === SEP.APOS || (t[k]?.sep === SEP.DOT && t[k - 1]?.key.length === 1);
    /** Every way the alias's words can sit from token `first` on: the tokens its words took. */
    const paths = (a: Alias, first: number): number[][] => {
      let found: number[][] = [[first]];
      for (let w = 1; w < a.keys.length; w++) {
        const next: number[][] = [];
        for (const path of found) {
          const after = (path.at(-1) as number) + 1;
          const fits = (k: number) => k < first + D.maxLookahead && t[k]?.key === a.keys[w] && !t[k]?.skip;
          if (a.seps[w] !== SEP_GAP) {
            const want = a.seps[w] === SEP.BREAK ? SEP.JOIN : a.seps[w];
            if (fits(after) && t[after]?.sep === want) next.push([...path, after]);
          } else
            for (let k = after; k <= after + a.maxGap && k < t.length && !t[k]?.skip && crossable(k); k++)
              if (fits(k)) next.push([...path, k]);
        }
        found = next;
      }
      return found;
    };
    const caseFits = (a: Alias, path: number[]) =>
      (!(a.flags & FLAG_CAPITALISED) ||
        (t[path[0] as number] as Token).raw !== (t[path[0] as number] as Token).raw.toLowerCase()) &&
      ((a.flags & 3) === CASE_MODE.any ||
        path.every((k, w) => wordCaseMatches(stripMarks((t[k] as Token).raw), a.forms[w] as string, a.flags & 3)));
    const out: Candidate[] = [];
    let plainEnd = -1;
    let plainUntil = -1;
    for (let i = 0; i < t.length; i++) {
      if (i > plainUntil) plainEnd = -1;
      const tok = t[i] as Token;
      if (tok.skip) continue;
      let best: { a: Alias; end: number; words: number; last: number } | undefined;
      for (const a of byFirst.get(tok.key) ?? [])
        for (const path of paths(a, i)) {
          const lastTok = t[path.at(-1) as number] as Token;
          const end = lastTok.end + (a.dot && text[lastTok.end] === '.' ? 1 : 0);
          if ((a.flags >>> 16 !== 0 && end <= plainEnd) || !caseFits(a, path)) continue;
          if (
            !best ||
            end > best.end ||
            (end === best.end && (path.length > best.words || (path.length === best.words && a.order < best.a.order)))
          )
            best = { a, end, words: path.length, last: path.at(-1) as number };
        }
      if (best && best.a.flags >>> 16 !== 0) {
        const rule = contextRuleOf(best.a.flags);
        const owner = best.a.flags & FLAG_QUALIFIABLE ? ownerOf(t, i, text, out.at(-1), ruleIds[rule] ?? []) : '';
        if (owner === 'ours' && best.a.id.startsWith('org/')) {
          out.push({ id: best.a.id, start: tok.start, end: best.end });
          i = best.last;
          continue;
        }
        if (owner !== 'another') out.push({ id: best.a.id, start: tok.start, end: best.end, context: rule });
        plainUntil = best.last;
        plainEnd = best.end;
        i--;
      } else if (best) {
        out.push({ id: best.a.id, start: tok.start, end: best.end });
        i = best.last;
      } else if (tok.key.length < D.fuzzyMinLength) {
        const short = shortTypo(t, i, text, tables, noFuzzy);
        if (short) out.push({ id: short[0], start: tok.start, end: tok.end, context: short[1] });
      } else if (/^\p{Lu}/u.test(tok.raw) && !noFuzzy.has(tok.key)) {
        const near = new Set(
          [...fuzzy]
            .filter(([k]) => withinOneEdit(tok.key, k) && !inflects(tok.key, k) && !inflects(k, tok.key))
            .map(([, id]) => id),
        );
        if (near.size === 1) out.push({ id: [...near][0] as string, start: tok.start, end: tok.end });
      }
    }
    return applyNameRules(text, out, index);
  };
}

/** "Chancellor Mertz": a capitalised word inside a sentence, one typo from one short name of one person. */
function shortTypo(t: Token[], i: number, text: string, tables: MatcherTables, noFuzzy: Set<string>) {
  const tok = t[i] as Token;
  const capital = (k: number) => /^\p{Lu}/u.test(t[k]?.raw ?? '');
  const title = (k: number) => D.titles.includes(t[k]?.key ?? '');
  if (tok.key.length < D.shortTypoMinLength || !capital(i) || i === 0 || tok.sep !== SEP.JOIN) return undefined;
  if (/(?:^|[.!?:\n\u2028\u2029])[\s"'“‘([«\u2014\u2013-]*$/u.test(text.slice(0, tok.start))) return undefined;
  if ((capital(i - 1) && !title(i - 1)) || (t[i + 1]?.sep === SEP.JOIN && capital(i + 1)) || noFuzzy.has(tok.key))
    return undefined;
  const near = tables.shortTypos.filter(([name]) => withinOneEdit(tok.key, name) && !inflects(tok.key, name));
  if (near.length === 0 || new Set(near.map(([, n]) => n)).size > 1) return undefined;
  const [, entity, rule] = near[0] as [string, number, number];
  return [tables.ids[entity] as string, rule] as const;
}

/**
 * "China's Foreign Ministry" is another name's: a capitalised word (or its possessive) right before, not one
 * opening a sentence; "Russia's Foreign Ministry" is ours: the possessive of a mention the rule lists.
 */
function ownerOf(t: Token[], i: number, text: string, previous: Candidate | undefined, listed: unknown[]): string {
  let q = i - 1;
  if (q < 0 || (t[i]?.sep !== SEP.JOIN && t[i]?.sep !== SEP.APOS)) return '';
  const possessive = t[i]?.sep === SEP.JOIN && t[q]?.sep === SEP.APOS && t[q]?.key === 's' && q > 0;
  if (possessive) q--;
  const word = t[q] as Token;
  if (word.raw === word.raw.toLowerCase() || D.contextOpeners.includes(foldWord(word.raw))) return '';
  if (!possessive && /(?:^|[.!?:\n\u2028\u2029])[\s"'“‘([«\u2014\u2013-]*$/u.test(text.slice(0, word.start))) return '';
  if (previous && previous.end === word.end && listed.includes(previous.id)) return possessive ? 'ours' : '';
  return 'another';
}
