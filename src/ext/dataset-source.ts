import { type CardDataMessage, cardDataFor } from '../core/card-data.ts';
import type { Entity, Source } from '../core/dataset-schema.ts';
import { type PackLabel, packLabels } from '../core/pack-age.ts';
import { buildDatasetView, type DatasetView } from '../core/search/dataset-view.ts';
import type { CompiledPack, CurrentCompiled } from './compiled-source.ts';
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
 * A card source over the current compiled output (`current`: in memory or stored) or `bundledEntitiesText`:
 * the dataset is parsed on the first card asked for and again only after the current output changes.
 */
export function createCardSource(
  bundledEntitiesText: string,
  current: CurrentCompiled,
  signal: AbortSignal,
): CardSource {
  let loaded: Promise<LoadedDataset> | undefined;
  current.watch(() => {
    loaded = undefined;
  }, signal);
  const dataset = () => {
    loaded ??= current
      .read(['entities.json'])
      .then((compiled) => datasetFromText(compiled?.['entities.json'] ?? bundledEntitiesText));
    return loaded;
  };
  return {
    async cardData(id) {
      const { view, packs } = await dataset();
      return cardDataFor(view, id, await packLabelsNow(packs));
    },
  };
}
