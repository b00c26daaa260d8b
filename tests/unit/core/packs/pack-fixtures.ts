import { join } from 'node:path';
import { PROJECT_ROOT, readDatasetFiles } from '../../../../src/cli/read-dataset.ts';
import type { Dataset, Entity, Source } from '../../../../src/core/dataset-schema.ts';
import type { PackManifest } from '../../../../src/core/packs/pack-manifest.ts';
import { validateDataset } from '../../../../src/core/validate-dataset.ts';

/** The small valid dataset of the validator's tests (Ada Lovett, Northport), as a pack's dataset. */
export function fixtureDataset(): Dataset {
  const { dataset, issues } = validateDataset(readDatasetFiles(join(PROJECT_ROOT, 'tests/fixtures/datasets/valid')));
  if (!dataset) throw new Error(`the fixture dataset is invalid: ${JSON.stringify(issues)}`);
  return structuredClone(dataset);
}

export function manifest(overrides: Partial<PackManifest> = {}): PackManifest {
  return {
    id: 'northport-fixture',
    title: 'Northport (fixture)',
    version: '1.0.0',
    asOf: '2025-03-05',
    publisher: 'News Context tests',
    license: 'MIT',
    description: 'A small pack about a summit in a made-up city.',
    ...overrides,
  };
}

/** A source and its text, written for these tests. */
export function source(id: string, text: string, title = `Report ${id}`): { source: Source; text: string } {
  return {
    source: {
      id,
      seed: `${id}.txt`,
      title,
      titleInText: false,
      outlet: 'The Harbour Gazette',
      published: { earliest: '2025-03-10', latest: '2025-03-10', inferred: false },
    },
    text,
  };
}

/** A person citing one quote of one source. */
export function person(id: string, name: string, sourceId: string, quote: string, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    kind: 'person',
    name,
    aliases: [name],
    role: 'Harbour official',
    summary: `${name} is a harbour official in this fixture.`,
    facts: [{ text: `${name} spoke about the harbour.`, citations: [{ source: sourceId, quote }] }],
    ...extra,
  };
}

/** A dataset from entities and sources. */
export function datasetOf(entities: Entity[], sources: { source: Source; text: string }[]): Dataset {
  return {
    entities,
    sources: sources.map((s) => s.source),
    texts: Object.fromEntries(sources.map((s) => [s.source.id, s.text])),
  };
}
