import type { Entity, Fact } from '../core/dataset-schema.ts';
import { citedSources, type DatasetView, eventNeighbourhood } from '../core/search/dataset-view.ts';
import { EntityCard } from './EntityCard.tsx';
import { formatDateRange, formatSource } from './format-source.ts';
import { useT } from './i18n.ts';

interface EntityEntryProps {
  entity: Entity;
  view: DatasetView;
  onNavigate: (id: string) => void;
}

/**
 * An entity's full entry: the hover card with everything, then where sources disagree and, for events,
 * a small timeline of the events around it.
 */
export function EntityEntry({ entity, view, onNavigate }: EntityEntryProps) {
  const t = useT();
  const disputes = entity.disputes ?? [];
  const around = entity.kind === 'event' ? eventNeighbourhood(entity, view) : [];
  return (
    <article class="nc-entry">
      <EntityCard entity={entity} sources={view.sources} names={view.names} detail="full" onNavigate={onNavigate} />
      {disputes.length > 0 && (
        <section class="nc-entry__section" aria-labelledby="nc-disputes">
          <h3 id="nc-disputes">{t('disputesHeading')}</h3>
          {disputes.map((dispute) => (
            <div key={dispute.question} class="nc-dispute">
              <p class="nc-dispute__question">{dispute.question}</p>
              <ul class="nc-dispute__claims">
                {dispute.claims.map((claim) => (
                  <Claim key={claim.text} claim={claim} view={view} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {around.length > 1 && (
        <section class="nc-entry__section" aria-labelledby="nc-around">
          <h3 id="nc-around">{t('eventTimelineHeading')}</h3>
          <ol class="nc-minitimeline">
            {around.map((event) => (
              <li key={event.id} class={event.id === entity.id ? 'nc-minitimeline__current' : undefined}>
                <span class="nc-minitimeline__date">
                  {event.date ? formatDateRange(event.date.on, event.date.until) : ''}
                </span>
                {event.id === entity.id ? (
                  <strong aria-current="true">{event.name}</strong>
                ) : (
                  <button type="button" class="nc-link" onClick={() => onNavigate(event.id)}>
                    {event.name}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <p class="nc-entry__sources">{t('citedSourcesCount', String(citedSources(entity).length))}</p>
    </article>
  );
}

function Claim({ claim, view }: { claim: Fact; view: DatasetView }) {
  return (
    <li class="nc-fact">
      <p class="nc-fact__text">{claim.text}</p>
      {claim.citations.map((citation) => {
        const source = view.sources.get(citation.source);
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
