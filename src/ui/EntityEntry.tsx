import type { Entity } from '../core/dataset-schema.ts';
import type { PackLabel } from '../core/pack-age.ts';
import { citedSources, type DatasetView, eventNeighbourhood } from '../core/search/dataset-view.ts';
import { EntityCard } from './EntityCard.tsx';
import { formatDateRange } from './format-source.ts';
import { useT } from './i18n.ts';

interface EntityEntryProps {
  entity: Entity;
  view: DatasetView;
  packs?: ReadonlyMap<string, PackLabel>;
  onNavigate: (id: string) => void;
}

/**
 * An entity's full entry: the card with everything (facts, citations, disputes, links) and, for events,
 * a small timeline of the events around it.
 */
export function EntityEntry({ entity, view, packs, onNavigate }: EntityEntryProps) {
  const t = useT();
  const around = entity.kind === 'event' ? eventNeighbourhood(entity, view) : [];
  return (
    <article class="nc-entry">
      <EntityCard
        entity={entity}
        sources={view.sources}
        names={view.names}
        packs={packs}
        detail="full"
        onNavigate={onNavigate}
      />
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
