import type Fuse from 'fuse.js';
import { useMemo, useState } from 'preact/hooks';
import { type SearchRecord, searchEntities } from '../core/search/search-entities.ts';

/** The popup: a search box over the whole dataset. */
export function Popup({ fuse }: { fuse: Fuse<SearchRecord> }) {
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchEntities(fuse, query, 12), [fuse, query]);
  return (
    <main class="nc-popup">
      <input
        type="search"
        class="nc-search"
        placeholder="Search people, places, events…"
        aria-label="Search the News Context dataset"
        value={query}
        autofocus
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      <ul class="nc-results" aria-label="Results">
        {results.map(({ item }) => (
          <li key={item.id} class="nc-result" data-entity={item.id}>
            <span class="nc-result__name">{item.name}</span>
            <span class={`nc-kind nc-kind--${item.kind}`}>{item.kind}</span>
            <span class="nc-result__role">{item.role}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
