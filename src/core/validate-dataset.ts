/**
 * Validates a dataset folder (`src/data` or any pack folder) read as files: sorts the files into entities,
 * sources and article texts by their paths, then runs `validateRecords` (src/core/validate/).
 */
import type { Dataset } from './dataset-schema.ts';
import type { DatasetFile, DatasetIssue, ValidateOptions } from './validate/dataset-issue.ts';
import { type DatasetRecords, validateRecords } from './validate/validate-records.ts';

export type { DatasetFile, DatasetIssue, ValidateOptions } from './validate/dataset-issue.ts';
export { formatIssue } from './validate/dataset-issue.ts';

const ENTITY_PATH = /(?:^|\/)entities\/([a-z]+)\/([a-z0-9-]+)\.json$/;
const SOURCE_META_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.json$/;
const SOURCE_TEXT_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.txt$/;

/**
 * Validates every dataset file and the references between them.
 * Returns the dataset only when there are no issues: a broken dataset never reaches a reader.
 */
export function validateDataset(
  files: readonly DatasetFile[],
  options: ValidateOptions = {},
): { dataset?: Dataset; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const records: { [K in keyof DatasetRecords]: DatasetRecords[K][number][] } = {
    entities: [],
    sources: [],
    texts: [],
  };
  for (const file of files) {
    const entityPath = ENTITY_PATH.exec(file.path);
    const sourcePath = SOURCE_META_PATH.exec(file.path);
    const textPath = SOURCE_TEXT_PATH.exec(file.path);
    if (textPath?.[1]) {
      records.texts.push({ id: textPath[1], file: file.path, text: file.text });
      continue;
    }
    if (!entityPath && !sourcePath) {
      issues.push({ file: file.path, field: '(file)', message: 'is neither an entity nor a source file' });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      issues.push({ file: file.path, field: '(file)', message: `is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    if (entityPath) records.entities.push({ file: file.path, json, pathId: `${entityPath[1]}/${entityPath[2]}` });
    else if (sourcePath) records.sources.push({ file: file.path, json, pathId: sourcePath[1] ?? '' });
  }
  const result = validateRecords(records, options, files);
  return result.dataset && issues.length === 0 ? result : { issues: [...issues, ...result.issues] };
}
