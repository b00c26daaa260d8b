import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/cli/read-dataset.ts';
import type { Dataset, Entity } from '../../../src/core/dataset-schema.ts';
import { buildDatasetView, earliestDay, latestDay } from '../../../src/core/search/dataset-view.ts';

const dataset = readDataset().dataset as Dataset;
const view = buildDatasetView(dataset.entities, dataset.sources);
const position = new Map(view.timeline.map((event, i) => [event.id, i]));
const events = dataset.entities.filter((entity) => entity.kind === 'event');

/** Every chain link as [earlier, later], from either side. */
const links: [string, string][] = events.flatMap((event) => [
  ...(event.precededBy ?? []).map((id): [string, string] => [id, event.id]),
  ...(event.followedBy ?? []).map((id): [string, string] => [event.id, id]),
]);

/** The events a chain puts before `id`, however far back. */
function chainedBefore(id: string, seen = new Set<string>()): Set<string> {
  for (const [earlier, later] of links) {
    if (later === id && !seen.has(earlier)) {
      seen.add(earlier);
      chainedBefore(earlier, seen);
    }
  }
  return seen;
}

const start = (event: Entity) => earliestDay(event.date?.on ?? '');
const end = (event: Entity) => latestDay(event.date?.until ?? event.date?.on ?? '');

describe('the timeline of the bundled dataset', () => {
  it('holds every dated event once', () => {
    expect(view.timeline.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
  });

  it('respects every precededBy and followedBy pair', () => {
    expect(links.length).toBeGreaterThan(5);
    const broken = links.filter(([earlier, later]) => (position.get(earlier) ?? -1) >= (position.get(later) ?? -1));
    expect(broken).toEqual([]);
  });

  it('keeps clearly different dates in date order, except where a chain holds an event back past a later date', () => {
    const outOfOrder: string[] = [];
    view.timeline.forEach((later, j) => {
      const heldBack = [...chainedBefore(later.id)].some((id) => {
        const earlier = view.entities.get(id);
        return earlier !== undefined && start(earlier) > end(later);
      });
      for (const earlier of view.timeline.slice(0, j)) {
        if (end(later) < start(earlier) && !heldBack) outOfOrder.push(`${earlier.id} before ${later.id}`);
      }
    });
    expect(outOfOrder).toEqual([]);
  });
});
