import { type Entity, type EventDate, type Fact, KIND_ID_PREFIX } from '../dataset-schema.ts';
import { foldText } from '../fold-text.ts';
import type { Match } from '../matcher/match.ts';
import { type AnalysedText, analyseText, type TextSpan } from './analyse-text.ts';
import { AUTHORING_DEFAULTS, PLACEHOLDER } from './authoring-defaults.ts';
import { freeId } from './entity-slug.ts';
import { type DatedEvent, findDatedEvents } from './find-events.ts';
import { findNewNames, type NewName } from './find-new-names.ts';
import { quoteSentence } from './quote-sentence.ts';

/** What every draft file says about itself, under its `draft` key. */
export interface DraftInfo {
  /** `new`: an entity the pack lacks; `add-facts`: candidate facts for an entity the pack has. */
  action: 'new' | 'add-facts';
  source: string;
  mentions: number;
  /** New names only: mentions plus headline and lead bonuses, the ranking key. */
  score?: number;
  note: string;
}

/** A proposed entity: the whole entity, with `TODO` where the editor must write. */
export interface NewEntityDraft {
  draft: DraftInfo & { action: 'new' };
  entity: Entity;
}

/** Candidate facts for an entity the pack has: each quote verbatim from the source, each text to write. */
export interface AddFactsDraft {
  draft: DraftInfo & { action: 'add-facts' };
  target: string;
  facts: Fact[];
}

export type DraftContent = NewEntityDraft | AddFactsDraft;

/** One draft file: the entity id it is about (also its path under the source's drafts folder) and its content. */
export interface ProposedDraft {
  id: string;
  content: DraftContent;
}

/** The source a draft is built from. */
export interface DraftSource {
  id: string;
  text: string;
  /** First publication day (YYYY-MM-DD), to resolve "on Wednesday". */
  published?: string;
  /** True when the text's first line is its headline. */
  titleInText: boolean;
}

/** Everything `draft` proposes for one source, best first within each group. */
export interface DraftProposals {
  known: ProposedDraft[];
  names: ProposedDraft[];
  events: ProposedDraft[];
  /** The new names as found, ranked: for reports. */
  newNames: NewName[];
}

const TODO = Object.freeze({
  role: `${PLACEHOLDER}: one line, only what the sources say ("US special envoy")`,
  summary: `${PLACEHOLDER}: one to three sentences in our own words, saying only what the facts below support`,
  fact: `${PLACEHOLDER}: the claim this quote supports, in our own words (or delete this fact)`,
});

/**
 * Proposes what a source adds to a pack: candidate facts (verbatim quotes of the sentences that mention
 * them) for the known entities the matcher finds in it, new entities for the names the pack lacks, and
 * new events for the dated event phrases it names. Pure: the CLI writes the drafts.
 */
export function buildDrafts(
  source: DraftSource,
  entities: readonly Entity[],
  matches: readonly Match[],
  analysed: AnalysedText = analyseText(source.text),
): DraftProposals {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const headline = source.titleInText ? 0 : undefined;
  const quotesFor = (spans: readonly TextSpan[], already: ReadonlySet<string> = new Set()) =>
    candidateQuotes(analysed, spans, already);

  const known: ProposedDraft[] = [];
  const mentionsById = new Map<string, Match[]>();
  for (const match of matches) mentionsById.set(match.id, [...(mentionsById.get(match.id) ?? []), match]);
  for (const [id, mentions] of mentionsById) {
    const entity = byId.get(id);
    if (!entity) continue;
    const cited = new Set(
      [...entity.facts, ...(entity.disputes ?? []).flatMap((d) => d.claims)].flatMap((f) =>
        f.citations.map((c) => c.quote),
      ),
    );
    const quotes = quotesFor(mentions, cited);
    if (quotes.length === 0) continue;
    known.push({
      id,
      content: {
        draft: {
          action: 'add-facts',
          source: source.id,
          mentions: mentions.length,
          note: `${entity.name} is in the pack. Keep the facts this source adds (write each text), delete the rest; accepting appends them to ${id}.`,
        },
        target: id,
        facts: quotes.map((quote) => ({ text: TODO.fact, citations: [{ source: source.id, quote }] })),
      },
    });
  }
  known.sort((a, b) => b.content.draft.mentions - a.content.draft.mentions || a.id.localeCompare(b.id));

  const newNames = findNewNames({ analysed, known: matches, headline });
  const taken = new Set(byId.keys());
  const names: ProposedDraft[] = [];
  for (const name of newNames) {
    const id = freeId(KIND_ID_PREFIX[name.kind], name.name, taken);
    const where = [name.inHeadline ? 'in the headline' : '', name.inLead ? 'in the lead' : ''].filter(Boolean);
    const entity: Entity = {
      id,
      kind: name.kind,
      name: name.name,
      aliases: name.aliases,
      role: TODO.role,
      summary: TODO.summary,
      facts: quotesFor(name.mentions).map((quote) => ({ text: TODO.fact, citations: [{ source: source.id, quote }] })),
    };
    names.push({
      id,
      content: {
        draft: {
          action: 'new',
          source: source.id,
          mentions: name.mentions.length,
          score: name.score,
          note: `New ${name.kind}: ${name.mentions.length} mention(s)${where.length ? `, ${where.join(' and ')}` : ''}. Check the kind and the aliases, write role, summary and fact texts.`,
        },
        entity,
      },
    });
  }

  const events = eventDrafts(source, analysed, findDatedEvents(analysed, source.published), matches, byId, taken);
  return { known, names, events, newNames };
}

/** Draft events for dated phrases that no known event or topic covers, with the participants the sentence names. */
function eventDrafts(
  source: DraftSource,
  analysed: AnalysedText,
  dated: readonly DatedEvent[],
  matches: readonly Match[],
  byId: ReadonlyMap<string, Entity>,
  taken: Set<string>,
): ProposedDraft[] {
  const drafts: ProposedDraft[] = [];
  const seen = new Set<string>();
  const kindOf = (id: string) => byId.get(id)?.kind;
  for (const event of dated) {
    const overlapsKnown = matches.some(
      (m) =>
        (kindOf(m.id) === 'event' || kindOf(m.id) === 'topic') && m.start < event.span.end && event.span.start < m.end,
    );
    const key = foldText(event.phrase);
    if (overlapsKnown || seen.has(key)) continue;
    seen.add(key);
    const sentence = analysed.sentences[event.sentence] as TextSpan;
    const inSentence = matches.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    const participants = [
      ...new Set(
        inSentence.map((m) => m.id).filter((id) => ['person', 'organization', 'place'].includes(kindOf(id) ?? '')),
      ),
    ];
    const place = inSentence.find(
      (m) => kindOf(m.id) === 'place' && m.start >= event.span.start && m.end <= event.span.end,
    );
    const name = event.phrase.charAt(0).toUpperCase() + event.phrase.slice(1);
    const id = freeId('event', name, taken);
    const date: EventDate = event.date;
    const entity: Entity = {
      id,
      kind: 'event',
      name,
      aliases: [{ text: event.phrase, case: 'any' }],
      role: TODO.role,
      summary: TODO.summary,
      facts: [
        {
          text: TODO.fact,
          citations: [{ source: source.id, quote: quoteSentence(analysed.text, sentence, event.span) }],
        },
      ],
      date,
      status: event.future ? 'announced' : 'held',
      ...(place ? { place: place.id } : {}),
      ...(participants.length ? { participants } : {}),
    };
    // The pack may know the event under another name: the same place or the same day.
    const alike = [...byId.values()].filter(
      (e) => e.kind === 'event' && ((place && e.place === place.id) || e.date?.on === date.on),
    );
    const same = alike.length
      ? ` It may be ${alike.map((e) => e.id).join(' or ')}: then add "${event.phrase}" to its aliases and reject this draft.`
      : '';
    drafts.push({
      id,
      content: {
        draft: {
          action: 'new',
          source: source.id,
          mentions: 1,
          note: `Event named with a date: "${event.phrase}". The date, status (from the tense) and participants (the known entities of its sentence) are guesses: check them.${same}`,
        },
        entity,
      },
    });
  }
  return drafts;
}

/** Verbatim quotes of the first sentences that hold the spans, one per sentence, leaving out quotes already cited. */
function candidateQuotes(analysed: AnalysedText, spans: readonly TextSpan[], already: ReadonlySet<string>): string[] {
  const quotes: string[] = [];
  const used = new Set<number>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const index = analysed.sentences.findIndex((s) => s.start <= span.start && span.end <= s.end);
    if (index < 0 || used.has(index)) continue;
    used.add(index);
    const quote = quoteSentence(analysed.text, analysed.sentences[index] as TextSpan, span);
    if (!already.has(quote) && !quotes.includes(quote)) quotes.push(quote);
    if (quotes.length >= AUTHORING_DEFAULTS.maxCandidateFacts) break;
  }
  return quotes;
}
