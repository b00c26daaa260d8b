import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Entity } from '../core/dataset-schema.ts';
import type { PackLabel } from '../core/pack-age.ts';
import type { DatasetView } from '../core/search/dataset-view.ts';
import { type EntitySearch, searchEntities } from '../core/search/search-entities.ts';
import { EntityEntry } from './EntityEntry.tsx';
import { formatDateRange } from './format-source.ts';
import { useT } from './i18n.ts';
import { type ListItem, ListRow, optionId } from './SearchResults.tsx';
import { type RestrictedReason, SiteSwitch } from './SiteSwitch.tsx';
import { Timeline } from './Timeline.tsx';

/** What the popup knows about the tab it was opened on. */
export type PageState =
  | { kind: 'loading' }
  | { kind: 'restricted'; reason: RestrictedReason }
  /** `entities` is null when the tab's content script does not answer (a page loaded before the extension). */
  | { kind: 'site'; site: string; enabled: boolean; entities: { id: string; count: number }[] | null };

type View = { name: 'search' } | { name: 'entry'; id: string } | { name: 'timeline' };

export const POPUP_LIMITS = Object.freeze({ results: 12, recentEvents: 5 });

export interface PopupProps {
  fuse: EntitySearch;
  view: DatasetView;
  /** The packs the dataset was compiled from, by id, for each fact's pack and date. */
  packs?: ReadonlyMap<string, PackLabel>;
  page: PageState;
  initialQuery?: string;
  initialEntity?: string;
  onToggleSite: (enabled: boolean) => void;
  onReveal: (id: string) => void;
  onClose: () => void;
  onOpenOptions: () => void;
}

/** The popup: the site switch, a search box over the whole dataset, entries and the timeline. */
export function Popup(props: PopupProps) {
  const { fuse, view: data, page } = props;
  const t = useT();
  const [query, setQuery] = useState(props.initialQuery ?? '');
  const [history, setHistory] = useState<View[]>(
    props.initialEntity && data.entities.has(props.initialEntity)
      ? [{ name: 'search' }, { name: 'entry', id: props.initialEntity }]
      : [{ name: 'search' }],
  );
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const current: View = history[history.length - 1] ?? { name: 'search' };

  const items = useMemo(() => listItems(fuse, data, page, query), [fuse, data, page, query]);
  // The dataset can change under an open popup (packs switched on or off): entries it no longer has are left.
  useEffect(() => {
    setHistory((stack) => {
      const kept = stack.filter((view) => view.name !== 'entry' || data.entities.has(view.id));
      return kept.length === stack.length ? stack : kept.length > 0 ? kept : [{ name: 'search' }];
    });
  }, [data]);
  // A new query starts at its first result before any key is handled: after paint (useEffect), an arrow key
  // pressed right after typing could move the old position and then be undone.
  useLayoutEffect(() => setActive(0), [query]);
  // Before paint, in the same task as the render: the view never shows without its focus (a reader typing at
  // once, or a test reading the focus as soon as the view appears, finds it in place).
  useLayoutEffect(() => {
    if (current.name === 'search') input.current?.focus();
    else back.current?.focus();
  }, [current]);
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const go = (next: View) => setHistory((stack) => [...stack, next]);
  const goBack = () => setHistory((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack));
  const open = (id: string) => data.entities.has(id) && go({ name: 'entry', id });
  const choose = (item: ListItem) => {
    if (item.type === 'page') props.onReveal(item.entity.id);
    else open(item.type === 'result' ? item.result.item.id : item.entity.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (current.name !== 'search') goBack();
      else if (query) setQuery('');
      else props.onClose();
      return;
    }
    if (current.name !== 'search' || event.target !== input.current) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (items.length) setActive((index) => (index + step + items.length) % items.length);
    } else if (event.key === 'Enter' && items[active]) {
      event.preventDefault();
      choose(items[active]);
    }
  };

  const formatDate = (entity: Entity) => (entity.date ? formatDateRange(entity.date.on, entity.date.until) : '');
  const entity = current.name === 'entry' ? data.entities.get(current.id) : undefined;

  return (
    <main class="nc-popup" onKeyDown={onKeyDown}>
      <header class="nc-top">
        {page.kind === 'site' ? (
          <SiteSwitch kind="site" site={page.site} enabled={page.enabled} onChange={props.onToggleSite} />
        ) : (
          <SiteSwitch {...page} />
        )}
        <button type="button" class="nc-icon-button" onClick={props.onOpenOptions} title={t('openOptions')}>
          <span aria-hidden="true">⚙</span>
          <span class="nc-visually-hidden">{t('openOptions')}</span>
        </button>
      </header>

      {current.name === 'search' ? (
        <>
          <div class="nc-searchbar">
            <input
              ref={input}
              type="text"
              role="combobox"
              class="nc-search"
              placeholder={t('searchPlaceholder')}
              aria-label={t('searchLabel')}
              aria-expanded={items.length > 0}
              aria-controls="nc-list"
              aria-autocomplete="list"
              aria-activedescendant={items.length ? optionId(active) : undefined}
              value={query}
              autofocus
              autocomplete="off"
              spellcheck={false}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
            <button type="button" class="nc-button" onClick={() => go({ name: 'timeline' })}>
              {t('timelineButton')}
            </button>
          </div>
          <ListView
            items={items}
            query={query}
            page={page}
            active={active}
            onChoose={choose}
            onHover={setActive}
            onOpenEntry={open}
            formatDate={formatDate}
          />
        </>
      ) : (
        <>
          <nav class="nc-viewbar">
            <button ref={back} type="button" class="nc-button" onClick={goBack}>
              <span aria-hidden="true">← </span>
              {t('back')}
            </button>
          </nav>
          {entity && <EntityEntry entity={entity} view={data} packs={props.packs} onNavigate={open} />}
          {current.name === 'timeline' && <Timeline view={data} onOpen={open} />}
        </>
      )}
    </main>
  );
}

/** The rows for a query: search results, or with no query the page's entities and then recent events. */
function listItems(fuse: EntitySearch, data: DatasetView, page: PageState, query: string): ListItem[] {
  if (query.trim()) {
    return searchEntities(fuse, query, POPUP_LIMITS.results).map((result) => ({ type: 'result', result }));
  }
  const onPage: ListItem[] = [];
  if (page.kind === 'site' && page.enabled) {
    for (const { id, count } of page.entities ?? []) {
      const entity = data.entities.get(id);
      if (entity) onPage.push({ type: 'page', entity, count });
    }
  }
  const recent: ListItem[] = data.timeline
    .slice(-POPUP_LIMITS.recentEvents)
    .reverse()
    .map((entity) => ({ type: 'event', entity }));
  return [...onPage, ...recent];
}

interface ListViewProps {
  items: ListItem[];
  query: string;
  page: PageState;
  active: number;
  onChoose: (item: ListItem) => void;
  onHover: (index: number) => void;
  onOpenEntry: (id: string) => void;
  formatDate: (entity: Entity) => string;
}

function ListView({ items, query, page, active, onChoose, onHover, onOpenEntry, formatDate }: ListViewProps) {
  const t = useT();
  const row = (item: ListItem, index: number) => (
    <ListRow
      key={`${item.type}:${item.type === 'result' ? item.result.item.id : item.entity.id}`}
      item={item}
      index={index}
      active={index === active}
      onChoose={onChoose}
      onHover={onHover}
      onOpenEntry={onOpenEntry}
      formatDate={formatDate}
    />
  );
  if (query.trim()) {
    return items.length ? (
      <div id="nc-list" role="listbox" tabIndex={-1} class="nc-list" aria-label={t('resultsLabel')}>
        {items.map(row)}
      </div>
    ) : (
      <p class="nc-empty" role="status">
        {t('noResults', query.trim())}
      </p>
    );
  }
  const pageCount = items.filter((item) => item.type === 'page').length;
  return (
    <div id="nc-list" role="listbox" tabIndex={-1} class="nc-list" aria-label={t('resultsLabel')}>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not a form fieldset */}
      <div role="group" aria-labelledby="nc-onpage-title" class="nc-group nc-onpage">
        <h2 id="nc-onpage-title" class="nc-group__title">
          {t('onThisPage')}
          {pageCount > 0 && <span class="nc-group__count"> · {pageCount}</span>}
        </h2>
        {pageCount > 0 ? (
          <div>{items.slice(0, pageCount).map(row)}</div>
        ) : (
          <p class="nc-empty">{onPageEmptyText(page, t)}</p>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not a form fieldset */}
      <div role="group" aria-labelledby="nc-recent-title" class="nc-group">
        <h2 id="nc-recent-title" class="nc-group__title">
          {t('recentEvents')}
        </h2>
        <div>{items.slice(pageCount).map((item, index) => row(item, pageCount + index))}</div>
      </div>
    </div>
  );
}

function onPageEmptyText(page: PageState, t: (key: string) => string): string {
  if (page.kind === 'loading') return t('onPageLoading');
  if (page.kind === 'restricted') return t('onPageUnavailable');
  if (!page.enabled) return t('onPageOff');
  if (page.entities === null) return t('onPageNoScript');
  return t('onPageNone');
}
