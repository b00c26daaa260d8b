import { useState } from 'preact/hooks';
import type { Entity } from '../core/dataset-schema.ts';
import { citedSources, type DatasetView } from '../core/search/dataset-view.ts';
import { formatDateInYear, formatSource } from './format-source.ts';
import { useT } from './i18n.ts';

/** Events of one year, in timeline order. */
interface YearGroup {
  year: string;
  events: Entity[];
}

/** Consecutive events of the same year (by where their dates begin), keeping the timeline's order. */
export function groupByYear(events: readonly Entity[]): YearGroup[] {
  const groups: YearGroup[] = [];
  for (const event of events) {
    const year = event.date?.on.slice(0, 4) ?? '';
    const last = groups[groups.length - 1];
    if (last?.year === year) last.events.push(event);
    else groups.push({ year, events: [event] });
  }
  return groups;
}

/**
 * Every dated event in time order (dates, and the events' chains where dates cannot tell), one compact row
 * each under its year: the date within the year, the name, one line of what happened, its sources on demand.
 * Events known only to their year sit under it with no day.
 */
export function Timeline({ view, onOpen }: { view: DatasetView; onOpen: (id: string) => void }) {
  const t = useT();
  return (
    <section class="nc-timeline" aria-labelledby="nc-timeline-title">
      <h2 id="nc-timeline-title" class="nc-view-title">
        {t('timelineTitle')}
      </h2>
      {view.timeline.some((event) => event.date?.inferred) && <p class="nc-timeline__legend">{t('timelineLegend')}</p>}
      {groupByYear(view.timeline).map((group) => (
        <section key={group.year} class="nc-timeline__year" aria-label={group.year}>
          <h3 class="nc-timeline__year-title">{group.year}</h3>
          <ol class="nc-timeline__list">
            {group.events.map((event) => (
              <TimelineRow key={event.id} event={event} year={group.year} view={view} onOpen={onOpen} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function TimelineRow({
  event,
  year,
  view,
  onOpen,
}: {
  event: Entity;
  year: string;
  view: DatasetView;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const date = event.date ? formatDateInYear(event.date.on, event.date.until, year) : '';
  const sources = citedSources(event);
  const listId = `nc-sources-${event.id.replace(/\W/g, '-')}`;
  const how = event.date?.inferred ? t('dateWorkedOutFrom', event.date.note ?? '') : undefined;
  return (
    <li class={`nc-timeline__item${date ? '' : ' nc-timeline__item--vague'}`} data-entity={event.id}>
      <span class="nc-timeline__date" title={how}>
        {date || <span class="nc-visually-hidden">{t('timelineSometimeIn', year)}</span>}
      </span>
      <button type="button" class="nc-timeline__name" onClick={() => onOpen(event.id)}>
        {event.name}
      </button>
      <button
        type="button"
        class="nc-timeline__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {sources.length === 1 ? t('sourceOne') : t('sourcesCount', String(sources.length))}
      </button>
      <span class="nc-timeline__what">{event.role}</span>
      <ul id={listId} class="nc-timeline__sources" aria-label={t('sourcesOf', event.name)} hidden={!open}>
        {sources.map((id) => {
          const source = view.sources.get(id);
          const line = source ? formatSource(source) : undefined;
          return (
            <li key={id} title={line?.title}>
              {line ? `${line.label} · ${line.date}` : id}
            </li>
          );
        })}
      </ul>
    </li>
  );
}
