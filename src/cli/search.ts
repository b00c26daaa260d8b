import type { Dataset } from '../core/dataset-schema.ts';
import { compileSearch, loadSearch, searchEntities } from '../core/search/search-entities.ts';

/** The popup's search over the dataset, as `{ id, name, score }` rows, best first (score 0 is perfect). */
export function searchDataset(query: string, dataset: Dataset): { id: string; name: string; score: number }[] {
  const fuse = loadSearch(compileSearch(dataset.entities, dataset.texts));
  return searchEntities(fuse, query).map(({ item, score }) => ({ id: item.id, name: item.name, score: score ?? 0 }));
}
