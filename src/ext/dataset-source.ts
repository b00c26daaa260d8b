import { type CardDataMessage, cardDataFor } from '../core/card-data.ts';
import type { Entity, Source } from '../core/dataset-schema.ts';
import { type PackLabel, packLabels } from '../core/pack-age.ts';
import { buildDatasetView, type DatasetView } from '../core/search/dataset-view.ts';
import { type CompiledPack, compiledOrBundled, watchCompiled } from './compiled-source.ts';
import { loadSettings } from './settings-storage.ts';

/** The compiled dataset as cards and the popup read it, with the packs it was compiled from. */
export interface LoadedDataset {
  view: DatasetView;
  packs: CompiledPack[];
}

/** Reads a compiled `entities.json` (the bundled one, or one the background compiled for the enabled packs). */
export function datasetFromText(text: string): LoadedDataset {
  const compiled = JSON.parse(text) as { entities: Entity[]; sources: Source[]; packs?: CompiledPack[] };
  return { view: buildDatasetView(compiled.entities, compiled.sources), packs: compiled.packs ?? [] };
}

/** The packs' labels as of now, under the reader's age limit. */
export async function packLabelsNow(packs: readonly CompiledPack[]): Promise<PackLabel[]> {
  const { packMaxAgeDays } = await loadSettings();
  return packLabels(packs, new Date(), packMaxAgeDays);
}

/** Answers the cards' questions from the current compiled dataset: the background's one source of card data. */
export interface CardSource {
  cardData(id: string): Promise<CardDataMessage | undefined>;
}

/**
 * A card source over the stored compiled output or `bundledEntitiesText`: the dataset is parsed on the first
 * card asked for and again only after the enabled packs change.
 */
export function createCardSource(bundledEntitiesText: string, signal: AbortSignal): CardSource {
  let loaded: Promise<LoadedDataset> | undefined;
  watchCompiled(() => {
    loaded = undefined;
  }, signal);
  const current = () => {
    loaded ??= compiledOrBundled({ 'entities.json': bundledEntitiesText }).then((texts) =>
      datasetFromText(texts['entities.json']),
    );
    return loaded;
  };
  return {
    async cardData(id) {
      const { view, packs } = await current();
      return cardDataFor(view, id, await packLabelsNow(packs));
    },
  };
}
