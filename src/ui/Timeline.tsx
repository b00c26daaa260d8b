import { citedSources, type DatasetView } from '../core/search/dataset-view.ts';
import { formatDateRange, formatSource } from './format-source.ts';
import { useT } from './i18n.ts';

/** Every dated event in time order (dates, and the events' chains where dates cannot tell), each with its sources. */
export function Timeline({ view, onOpen }: { view: DatasetView; onOpen: (id: string) => void }) {
  const t = useT();
  return (
    <section class="nc-timeline" aria-labelledby="nc-timeline-title">
      <h2 id="nc-timeline-title" class="nc-view-title">
        {t('timelineTitle')}
      </h2>
      <ol class="nc-timeline__list">
        {view.timeline.map((event) => (
          <li key={event.id} class="nc-timeline__item" data-entity={event.id}>
            <span class="nc-timeline__date">
              {event.date ? formatDateRange(event.date.on, event.date.until) : ''}
              {event.date?.inferred ? ` ${t('dateInferred')}` : ''}
            </span>
            <button type="button" class="nc-link nc-timeline__name" onClick={() => onOpen(event.id)}>
              {event.name}
            </button>
            <ul class="nc-timeline__sources" aria-label={t('sourcesOf', event.name)}>
              {citedSources(event).map((id) => {
                const source = view.sources.get(id);
                const line = source ? formatSource(source) : undefined;
                return <li key={id}>{line ? `${line.outlet} · “${line.title}” · ${line.date}` : id}</li>;
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
