import { factPackId } from '../core/card-data.ts';
import type { Dispute, Entity, Fact, Source } from '../core/dataset-schema.ts';
import type { PackLabel } from '../core/pack-age.ts';
import type { Translate } from '../core/translate.ts';
import { CitationList } from './CitationList.tsx';
import { formatDateRange } from './format-source.ts';
import { InferredDate } from './InferredDate.tsx';
import { useT } from './i18n.ts';

export interface EntityCardProps {
  entity: Entity;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
  /** The packs the facts come from, by id: each group of facts says its pack and how current it is. */
  packs?: ReadonlyMap<string, PackLabel>;
  /** `hover` shows the most relevant facts; `full` shows everything. */
  detail: 'hover' | 'full';
  /** Moves the card (or the entry) to another entity: related entities, participants, sequence links. */
  onNavigate?: (id: string) => void;
  onClose?: () => void;
  /** Opens the full entry (the hover card's link to the popup). */
  onOpenFull?: (id: string) => void;
}

/** How many facts the hover card shows; the full entry shows them all. */
export const HOVER_FACTS = 3;

/** The most relevant facts first: those more sources back, then the dataset's order. */
export function relevantFacts(facts: readonly Fact[], limit: number): Fact[] {
  return facts
    .map((fact, index) => ({ fact, index }))
    .sort((a, b) => b.fact.citations.length - a.fact.citations.length || a.index - b.index)
    .slice(0, limit)
    .map(({ fact }) => fact);
}

/** The card for one entity: name, kind, role, summary, event details, sourced facts, disputes, related. */
export function EntityCard({
  entity,
  sources,
  names,
  packs = NO_PACKS,
  detail,
  onNavigate,
  onClose,
  onOpenFull,
}: EntityCardProps) {
  const t = useT();
  const headingId = `nc-card-title-${entity.id.replace(/\W/g, '-')}`;
  const full = detail === 'full';
  const facts = full ? entity.facts : relevantFacts(entity.facts, HOVER_FACTS);
  const disputes = full ? (entity.disputes ?? []) : (entity.disputes ?? []).slice(0, 1);
  const hiddenFacts = entity.facts.length - facts.length;
  const links = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => id !== entity.id);
  return (
    <section
      class={`nc-card nc-card--${detail}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      data-entity={entity.id}
      tabIndex={-1}
    >
      <header class="nc-card__header">
        <span class={`nc-kind nc-kind--${entity.kind}`}>{t(`cardKind_${entity.kind}`)}</span>
        <h2 id={headingId} class="nc-card__name">
          {entity.name}
        </h2>
        <p class="nc-card__role">{entity.role}</p>
        {onClose && (
          <button type="button" class="nc-card__close" aria-label={t('cardClose')} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {(entity.date || entity.place || entity.status) && (
        <p class="nc-card__when">
          {entity.date &&
            (entity.date.inferred ? (
              <InferredDate text={formatDateRange(entity.date.on, entity.date.until)} basis={entity.date.note} />
            ) : (
              formatDateRange(entity.date.on, entity.date.until)
            ))}
          {entity.place && (
            <>
              {entity.date ? ' · ' : ''}
              <EntityLink id={entity.place} names={names} onNavigate={onNavigate} />
            </>
          )}
          {entity.status ? ` · ${t(`cardStatus_${entity.status}`)}` : ''}
        </p>
      )}
      <p class="nc-card__summary">{entity.summary}</p>
      <LinkRow label={t('cardParticipants')} ids={links(entity.participants)} names={names} onNavigate={onNavigate} />
      <h3 class="nc-card__section">{t('cardFacts')}</h3>
      {factsByPack(facts, entity, packs).map(({ pack, facts: group }) => (
        <div key={pack?.id ?? ''} class="nc-card__pack-group">
          <ul class="nc-card__facts">
            {group.map((fact) => (
              <FactItem key={fact.text} fact={fact} sources={sources} />
            ))}
          </ul>
          {pack && <PackLine pack={pack} />}
        </div>
      ))}
      {disputes.map((dispute) => (
        <DisputeBlock key={dispute.question} dispute={dispute} sources={sources} t={t} />
      ))}
      {full && (
        <>
          <LinkRow label={t('cardPrecededBy')} ids={links(entity.precededBy)} names={names} onNavigate={onNavigate} />
          <LinkRow label={t('cardFollowedBy')} ids={links(entity.followedBy)} names={names} onNavigate={onNavigate} />
        </>
      )}
      <LinkRow label={t('cardRelated')} ids={links(entity.related)} names={names} onNavigate={onNavigate} />
      {onOpenFull && (
        <footer class="nc-card__footer">
          {hiddenFacts > 0 && <span class="nc-card__more">{t('cardMoreFacts', String(hiddenFacts))}</span>}
          <button type="button" class="nc-card__open" onClick={() => onOpenFull(entity.id)}>
            {t('cardOpenFull')}
          </button>
        </footer>
      )}
    </section>
  );
}

const NO_PACKS: ReadonlyMap<string, PackLabel> = new Map();

/** Facts in groups by the pack they come from, the groups in the order their first fact is shown. */
export function factsByPack(
  facts: readonly Fact[],
  entity: Entity,
  packs: ReadonlyMap<string, PackLabel>,
): { pack: PackLabel | undefined; facts: Fact[] }[] {
  const all = [...packs.values()];
  const groups = new Map<string, { pack: PackLabel | undefined; facts: Fact[] }>();
  for (const fact of facts) {
    const id = factPackId(fact, entity, all) ?? '';
    const group = groups.get(id) ?? { pack: packs.get(id), facts: [] };
    group.facts.push(fact);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** A quiet line under a pack's facts: which pack, as of when, and whether it is older than the reader's limit. */
function PackLine({ pack }: { pack: PackLabel }) {
  const t = useT();
  return (
    <p class="nc-card__pack" data-pack={pack.id}>
      <span class="nc-card__pack-title">{pack.title}</span>
      {/* A line too long for the card breaks after the dot, never inside "as of 2 Mar 2026". */}
      {'\u00a0· '}
      <span class="nc-card__pack-date">{t('packAsOf', formatDateRange(pack.asOf))}</span>
      {/* The age label is a line of its own (card.css): no separator to leave at a line's end. */}
      {pack.stale && (
        <>
          {/* Invisible before a block, but the line's text (copied, or read out) keeps its words apart. */}{' '}
          <span class="nc-card__pack-stale">{t('packStale')}</span>
        </>
      )}
    </p>
  );
}

function EntityLink({
  id,
  names,
  onNavigate,
}: {
  id: string;
  names: ReadonlyMap<string, string>;
  onNavigate?: (id: string) => void;
}) {
  const name = names.get(id) ?? id;
  if (!onNavigate) return <span>{name}</span>;
  return (
    <button type="button" class="nc-link nc-link--inline" onClick={() => onNavigate(id)}>
      {name}
    </button>
  );
}

function LinkRow({
  label,
  ids,
  names,
  onNavigate,
}: {
  label: string;
  ids: readonly string[];
  names: ReadonlyMap<string, string>;
  onNavigate?: (id: string) => void;
}) {
  if (ids.length === 0) return null;
  return (
    <nav class="nc-card__links" aria-label={label}>
      <span class="nc-card__links-label">{label}</span>
      {ids.map((id) =>
        onNavigate ? (
          <button key={id} type="button" class="nc-link" onClick={() => onNavigate(id)}>
            {names.get(id) ?? id}
          </button>
        ) : (
          <span key={id} class="nc-link nc-link--static">
            {names.get(id) ?? id}
          </span>
        ),
      )}
    </nav>
  );
}

function FactItem({ fact, sources }: { fact: Fact; sources: ReadonlyMap<string, Source> }) {
  return (
    <li class="nc-fact">
      <p class="nc-fact__text">{fact.text}</p>
      <CitationList citations={fact.citations} sources={sources} />
    </li>
  );
}

function DisputeBlock({
  dispute,
  sources,
  t,
}: {
  dispute: Dispute;
  sources: ReadonlyMap<string, Source>;
  t: Translate;
}) {
  return (
    <section class="nc-dispute" aria-label={t('cardSourcesDiffer')}>
      <p class="nc-dispute__label">{t('cardSourcesDiffer')}</p>
      <p class="nc-dispute__question">{dispute.question}</p>
      <ul class="nc-card__facts">
        {dispute.claims.map((claim) => (
          <FactItem key={claim.text} fact={claim} sources={sources} />
        ))}
      </ul>
    </section>
  );
}
