import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, readDatasetFiles } from '../../../../src/cli/read-dataset.ts';
import { type DatasetFile, formatIssue, validateDataset } from '../../../../src/core/validate-dataset.ts';

const DIR = 'tests/fixtures/datasets/valid';
const FIXTURE = readDatasetFiles(join(PROJECT_ROOT, DIR));
const fileOf = (slug: string) => `${DIR}/entities/event/${slug}.json`;
const SUMMIT = fileOf('northport-summit');
const TEMPLATE = JSON.parse(FIXTURE.find((file) => file.path === SUMMIT)?.text ?? '{}') as Record<string, unknown>;

type Chain = { precededBy?: string[]; followedBy?: string[] };

/** The valid fixture with the Northport summit and two more events, chained as given. */
function withChains(chains: Record<'northport-summit' | 'northport-talks' | 'northport-vote', Chain>): DatasetFile[] {
  const events = Object.entries(chains).map(([slug, chain]) => {
    const name = slug.replace('northport-', 'Northport ');
    const own =
      slug === 'northport-summit'
        ? {}
        : { name, aliases: [name], disputes: undefined, related: undefined, role: `The ${name} of the fixture` };
    const json = { ...TEMPLATE, id: `event/${slug}`, ...own, ...chain };
    return { path: fileOf(slug), text: JSON.stringify(json) };
  });
  return [...FIXTURE.filter((file) => file.path !== SUMMIT), ...events];
}

describe('validateDataset: precededBy/followedBy chains', () => {
  it('accepts a chain written from both ends, and a branch', () => {
    const files = withChains({
      'northport-summit': { followedBy: ['event/northport-talks', 'event/northport-vote'] },
      'northport-talks': { precededBy: ['event/northport-summit'], followedBy: ['event/northport-vote'] },
      'northport-vote': { precededBy: ['event/northport-talks'] },
    });
    expect(validateDataset(files).issues).toEqual([]);
  });

  it('rejects a cycle, at the file and field of the link that closes it', () => {
    const files = withChains({
      'northport-summit': { followedBy: ['event/northport-talks'] },
      'northport-talks': { followedBy: ['event/northport-vote'] },
      'northport-vote': { followedBy: ['event/northport-summit'] },
    });
    const { dataset, issues } = validateDataset(files);
    expect(dataset).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([
      `${fileOf('northport-vote')}: event/northport-vote followedBy.0: closes a cycle of precededBy/followedBy links: ` +
        'event/northport-summit → event/northport-talks → event/northport-vote → event/northport-summit',
    ]);
  });

  it('rejects an event that is both before and after another (precededBy and followedBy disagree)', () => {
    const files = withChains({
      'northport-summit': { precededBy: ['event/northport-talks'] },
      'northport-talks': { precededBy: ['event/northport-summit'] },
      'northport-vote': {},
    });
    expect(validateDataset(files).issues).toEqual([
      {
        file: SUMMIT,
        entityId: 'event/northport-summit',
        field: 'precededBy.0',
        message:
          'closes a cycle of precededBy/followedBy links: event/northport-summit → event/northport-talks → event/northport-summit',
      },
    ]);
  });

  it('reports a link to the event itself once, as such, not as a cycle', () => {
    const files = withChains({
      'northport-summit': { followedBy: ['event/northport-summit'] },
      'northport-talks': {},
      'northport-vote': {},
    });
    expect(validateDataset(files).issues).toEqual([
      {
        file: SUMMIT,
        entityId: 'event/northport-summit',
        field: 'followedBy.0',
        message: 'refers to the entity itself',
      },
    ]);
  });
});
