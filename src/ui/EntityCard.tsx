import type { Entity, Fact, Source } from '../core/dataset-schema.ts';
import { formatDateRange, formatSource } from './format-source.ts';

export interface EntityCardProps {
  entity: Entity;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
  /** `hover` shows the most relevant facts; `full` shows everything. */
  detail: 'hover' | 'full';
  onNavigate?: (id: string) => void;
  onClose?: () => void;
}

const HOVER_FACTS = 3;

/** The card for one entity: name, kind, role, summary, sourced facts, related entities. */
export function EntityCard({ entity, sources, names, detail, onNavigate, onClose }: EntityCardProps) {
  const headingId = `nc-card-title-${entity.id.replace(/\W/g, '-')}`;
  const facts = detail === 'hover' ? entity.facts.slice(0, HOVER_FACTS) : entity.facts;
  return (
    <section class="nc-card" role="dialog" aria-modal="false" aria-labelledby={headingId} data-entity={entity.id}>
      <header class="nc-card__header">
        <span class={`nc-kind nc-kind--${entity.kind}`}>{entity.kind}</span>
        <h2 id={headingId} class="nc-card__name">
          {entity.name}
        </h2>
        <p class="nc-card__role">{entity.role}</p>
        {onClose && (
          <button type="button" class="nc-card__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {entity.date && (
        <p class="nc-card__when">
          {formatDateRange(entity.date.on, entity.date.until)}
          {entity.date.inferred ? ' (date inferred)' : ''}
          {entity.place && names.get(entity.place) ? ` · ${names.get(entity.place)}` : ''}
        </p>
      )}
      <p class="nc-card__summary">{entity.summary}</p>
      <ul class="nc-card__facts">
        {facts.map((fact) => (
          <FactItem key={fact.text} fact={fact} sources={sources} />
        ))}
      </ul>
      {entity.related && entity.related.length > 0 && (
        <nav class="nc-card__related" aria-label="Related">
          {entity.related.map((id) => (
            <button key={id} type="button" class="nc-link" onClick={() => onNavigate?.(id)}>
              {names.get(id) ?? id}
            </button>
          ))}
        </nav>
      )}
    </section>
  );
}

function FactItem({ fact, sources }: { fact: Fact; sources: ReadonlyMap<string, Source> }) {
  return (
    <li class="nc-fact">
      <p class="nc-fact__text">{fact.text}</p>
      {fact.citations.map((citation) => {
        const source = sources.get(citation.source);
        const line = source ? formatSource(source) : undefined;
        return (
          <details key={citation.source + citation.quote} class="nc-cite">
            <summary>{line ? `${line.outlet} · “${line.title}” · ${line.date}` : citation.source}</summary>
            <blockquote>{citation.quote}</blockquote>
          </details>
        );
      })}
    </li>
  );
}
