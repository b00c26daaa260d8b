import type { Entity } from '../core/dataset-schema.ts';
import { markMatches, matchIndices, type SearchResult } from '../core/search/search-entities.ts';
import { useT } from './i18n.ts';
import { KindBadge } from './KindBadge.tsx';
import { Marked } from './Marked.tsx';

/** One row of the popup's list: what it shows and what choosing it does. */
export type ListItem =
  | { type: 'result'; result: SearchResult }
  | { type: 'page'; entity: Entity; count: number }
  | { type: 'event'; entity: Entity };

export const optionId = (index: number) => `nc-option-${index}`;

interface RowProps {
  item: ListItem;
  index: number;
  active: boolean;
  onChoose: (item: ListItem) => void;
  onHover: (index: number) => void;
  onOpenEntry?: (id: string) => void;
  formatDate: (entity: Entity) => string;
}

/** A row of the listbox: a search result, an entity on the page (with its count) or a recent event. */
export function ListRow({ item, index, active, onChoose, onHover, onOpenEntry, formatDate }: RowProps) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the search box owns the keyboard (aria-activedescendant)
    <div
      id={optionId(index)}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      class={`nc-row${active ? ' nc-row--active' : ''}`}
      data-entity={item.type === 'result' ? item.result.item.id : item.entity.id}
      onClick={() => onChoose(item)}
      onMouseMove={() => !active && onHover(index)}
    >
      {item.type === 'result' ? (
        <ResultBody result={item.result} />
      ) : (
        <>
          <span class="nc-row__name">{item.entity.name}</span>
          <KindBadge kind={item.entity.kind} />
          <span class="nc-row__meta">
            {item.type === 'page' ? t('mentionCount', String(item.count)) : formatDate(item.entity)}
          </span>
          {item.type === 'page' && onOpenEntry && (
            <button
              type="button"
              class="nc-row__entry"
              tabIndex={-1}
              aria-label={t('openEntryOf', item.entity.name)}
              title={t('openEntry')}
              onClick={(event) => {
                event.stopPropagation();
                onOpenEntry(item.entity.id);
              }}
            >
              ›
            </button>
          )}
        </>
      )}
    </div>
  );
}

function ResultBody({ result }: { result: SearchResult }) {
  const t = useT();
  const { item } = result;
  const aliasMatch = result.matches?.find((match) => match.key === 'aliases' || match.key === 'phrases');
  const nameMarked = matchIndices(result, 'name').length > 0;
  return (
    <>
      <span class="nc-row__name">
        <Marked parts={markMatches(item.name, matchIndices(result, 'name'))} />
      </span>
      <KindBadge kind={item.kind} />
      <span class="nc-row__meta">
        <Marked parts={markMatches(item.role, matchIndices(result, 'role'))} />
      </span>
      {!nameMarked && aliasMatch?.value && (
        <span class="nc-row__alias">
          {t('alsoKnownAs')} <Marked parts={markMatches(aliasMatch.value, aliasMatch.indices)} />
        </span>
      )}
    </>
  );
}
