import type { PackLabel } from '../core/pack-age.ts';
import type { DatasetView } from '../core/search/dataset-view.ts';
import { type CompiledSearch, type EntitySearch, loadSearch } from '../core/search/search-entities.ts';
import { type CompiledTexts, compiledOrBundled, compiledStamp, watchCompiled } from './compiled-source.ts';
import { datasetFromText, packLabelsNow } from './dataset-source.ts';

/** The dataset the popup searches and shows: the bundled one, or the one compiled for the enabled packs. */
export interface PopupDataset {
  search: EntitySearch;
  view: DatasetView;
  packs: ReadonlyMap<string, PackLabel>;
  /** Which stored output it is (its generation and enabled set); undefined for the bundled files. */
  stamp: string | undefined;
}

/** The files the popup reads of the compiled output. */
type PopupFileName = 'entities.json' | 'search.json';

/** The popup's files of the bundled pack (the entrypoint's bundled texts: no other script carries them). */
export type BundledPopupTexts = Pick<CompiledTexts, PopupFileName>;

const stampKey = (stamp: { generation: number; setKey: string } | undefined) =>
  stamp ? `${stamp.generation}|${stamp.setKey}` : undefined;

/** The stored output when packs other than the bundled one alone are on, else the bundled files. */
export async function loadPopupDataset(bundled: BundledPopupTexts): Promise<PopupDataset> {
  const texts = await compiledOrBundled(bundled);
  const { view, packs } = datasetFromText(texts['entities.json']);
  const labels = await packLabelsNow(packs);
  return {
    search: loadSearch(JSON.parse(texts['search.json']) as CompiledSearch),
    view,
    packs: new Map(labels.map((label) => [label.id, label])),
    stamp: stampKey(texts.meta),
  };
}

/**
 * Keeps an open popup on the stored output: when the background stores the output of a change (a pack
 * imported, switched on or off, removed: seconds after the change for a large pack), `show` gets the dataset
 * read afresh. The reader's query and view stay; output already shown is not read again. Until `signal` aborts.
 */
export function followPopupDataset(
  bundled: BundledPopupTexts,
  shown: PopupDataset,
  show: (dataset: PopupDataset) => void,
  signal: AbortSignal,
): void {
  let current = shown.stamp;
  let loads = 0;
  const reload = () => {
    const load = ++loads;
    void (async () => {
      // The meta first: a write that stored what is shown (or a meta written again) reads no tables.
      if (stampKey(await compiledStamp()) === current) return;
      const dataset = await loadPopupDataset(bundled);
      // A later change's load may have finished first: only the latest load is shown.
      if (signal.aborted || load !== loads || dataset.stamp === current) return;
      current = dataset.stamp;
      show(dataset);
    })().catch((error: unknown) => console.error('News Context: reading the new packs’ output failed', error));
  };
  watchCompiled(reload, signal);
  // Output stored while `shown` was being read (seconds, for a large pack) came before the watch.
  if (!signal.aborted) reload();
}
