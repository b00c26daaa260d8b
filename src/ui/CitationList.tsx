import { useId, useState } from 'preact/hooks';
import type { Citation, Source } from '../core/dataset-schema.ts';
import { formatSource } from './format-source.ts';
import { useT } from './i18n.ts';

interface CitationListProps {
  citations: readonly Citation[];
  sources: ReadonlyMap<string, Source>;
}

/**
 * The citations of one claim. One citation is one line (headline or outlet, date) that opens on its quote;
 * several collapse to "3 sources", which opens on those lines.
 */
export function CitationList({ citations, sources }: CitationListProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (citations.length === 1) {
    const [citation] = citations as [Citation];
    return <CitationLine citation={citation} source={sources.get(citation.source)} />;
  }
  const count = new Set(citations.map((citation) => citation.source)).size;
  return (
    <div class="nc-sources">
      <button
        type="button"
        class="nc-sources__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span class="nc-sources__chevron" aria-hidden="true">
          ▸
        </span>
        {count === 1 ? t('quotesCount', String(citations.length)) : t('sourcesCount', String(count))}
      </button>
      {open && (
        <ul id={listId} class="nc-sources__list">
          {citations.map((citation) => (
            <li key={citation.source + citation.quote}>
              <CitationLine citation={citation} source={sources.get(citation.source)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A source's line, opening on the quote (and on how its date was worked out, when it was). */
function CitationLine({ citation, source }: { citation: Citation; source: Source | undefined }) {
  const t = useT();
  const line = source ? formatSource(source) : undefined;
  return (
    <details class="nc-cite">
      <summary title={line?.title}>
        <span class="nc-cite__label">{line?.label ?? citation.source}</span>
        {/* No-break spaces: a flex item trims its own leading and trailing spaces. */}
        {line?.outlet && <span class="nc-cite__outlet">{`\u00a0·\u00a0${line.outlet}`}</span>}
        {line && <span class="nc-cite__date">{`\u00a0·\u00a0${line.date}`}</span>}
      </summary>
      <blockquote>{citation.quote}</blockquote>
      {line?.dateBasis && <p class="nc-cite__basis">{t('publishedWorkedOut', line.dateBasis)}</p>}
    </details>
  );
}
