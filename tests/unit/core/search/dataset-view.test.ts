import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../../src/core/dataset-schema.ts';
import {
  buildDatasetView,
  earliestDay,
  eventNeighbourhood,
  eventsInTimelineOrder,
  latestDay,
} from '../../../../src/core/search/dataset-view.ts';

interface EventSpec {
  on: string;
  until?: string;
  name?: string;
  after?: string[];
  before?: string[];
  related?: string[];
}

/** A minimal event `event/<slug>`; `after` and `before` become precededBy and followedBy. */
function event(slug: string, { on, until, name = slug, after, before, related }: EventSpec): Entity {
  return {
    id: `event/${slug}`,
    kind: 'event',
    name,
    aliases: [name],
    role: 'Test event',
    summary: 'A test event.',
    facts: [{ text: 'It happened.', citations: [{ source: 'test', quote: 'It happened.' }] }],
    date: { on, inferred: false, ...(until ? { until } : {}) },
    status: 'held',
    ...(after ? { precededBy: after.map((id) => `event/${id}`) } : {}),
    ...(before ? { followedBy: before.map((id) => `event/${id}`) } : {}),
    ...(related ? { related: related.map((id) => `event/${id}`) } : {}),
  };
}

const ids = (events: readonly Entity[]) => events.map((entity) => entity.id.slice('event/'.length));

/** Every order of a short list, to show the result does not depend on the input order. */
function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((item, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('the span of an ISO date of any precision', () => {
  it('runs from the first to the last day the date can mean', () => {
    expect([earliestDay('2025'), latestDay('2025')]).toEqual(['2025-01-01', '2025-12-31']);
    expect([earliestDay('2025-02'), latestDay('2025-02')]).toEqual(['2025-02-01', '2025-02-28']);
    expect(latestDay('2024-02')).toBe('2024-02-29');
    expect(latestDay('2025-12')).toBe('2025-12-31');
    expect([earliestDay('2025-08-18'), latestDay('2025-08-18')]).toEqual(['2025-08-18', '2025-08-18']);
  });
});

describe('eventsInTimelineOrder', () => {
  it('puts clearly different dates in date order, whatever their precision', () => {
    const events = [
      event('late', { on: '2025-08-06' }),
      event('vague', { on: '2014' }),
      event('early', { on: '2025-02' }),
      event('invasion', { on: '2022-02' }),
    ];
    expect(ids(eventsInTimelineOrder(events))).toEqual(['vague', 'invasion', 'early', 'late']);
  });

  it('shows an imprecise "2025" after the "2025-02" event it follows, not before (text order put it first)', () => {
    const events = [
      event('clash', { on: '2025-02', before: ['deal'] }),
      event('deal', { on: '2025', after: ['clash'] }),
      event('pledge', { on: '2025' }),
    ];
    expect(ids(eventsInTimelineOrder(events))).toEqual(['pledge', 'clash', 'deal']);
  });

  it('follows the chain among events of the same day, not their names', () => {
    const events = [
      event('a-meeting', { on: '2025-08-18', after: ['b-call'] }),
      event('b-call', { on: '2025-08-18', after: ['c-talks'] }),
      event('c-talks', { on: '2025-08-18' }),
      event('d-strikes', { on: '2025-08-18' }),
    ];
    // Only the chain is fixed; among the events it leaves free, names decide.
    expect(ids(eventsInTimelineOrder(events))).toEqual(['c-talks', 'b-call', 'a-meeting', 'd-strikes']);
  });

  it('takes a link from either side: precededBy on the later event or followedBy on the earlier one', () => {
    const byPrecededBy = [event('b', { on: '2025-08-18' }), event('a', { on: '2025-08-18', after: ['b'] })];
    const byFollowedBy = [event('b', { on: '2025-08-18', before: ['a'] }), event('a', { on: '2025-08-18' })];
    expect(ids(eventsInTimelineOrder(byPrecededBy))).toEqual(['b', 'a']);
    expect(ids(eventsInTimelineOrder(byFollowedBy))).toEqual(['b', 'a']);
  });

  it('lets a chain win over dates that contradict it, placing the event right after the one it follows', () => {
    const events = [
      event('summit', { on: '2025-08-06', after: ['meeting'] }),
      event('meeting', { on: '2025-08-18' }),
      event('visit', { on: '2025-08-06' }),
      event('deadline', { on: '2025-08-08' }),
      event('aid', { on: '2025-08-20' }),
    ];
    expect(ids(eventsInTimelineOrder(events))).toEqual(['visit', 'deadline', 'meeting', 'summit', 'aid']);
  });

  it('breaks ties on the earliest possible date by the earliest possible end, then by name', () => {
    const events = [
      event('year', { on: '2025' }),
      event('range', { on: '2025-01', until: '2025-03' }),
      event('month', { on: '2025-01' }),
      event('b-day', { on: '2025-01-01' }),
      event('a-day', { on: '2025-01-01' }),
    ];
    expect(ids(eventsInTimelineOrder(events))).toEqual(['a-day', 'b-day', 'month', 'range', 'year']);
  });

  it('gives the same order for every order of the input', () => {
    const events = [
      event('clash', { on: '2025-02', before: ['deal'] }),
      event('deal', { on: '2025' }),
      event('pledge', { on: '2025' }),
      event('talks', { on: '2025-08-18', before: ['call'] }),
      event('call', { on: '2025-08-18' }),
    ];
    const orders = new Set(permutations(events).map((list) => ids(eventsInTimelineOrder(list)).join(' ')));
    expect([...orders]).toEqual(['pledge clash deal talks call']);
  });

  it('leaves out entities that are not dated events and ignores links to them or to unknown ids', () => {
    const person = { ...event('x', { on: '2025' }), id: 'person/x', kind: 'person' as const, date: undefined };
    const events = [
      event('a', { on: '2025-03', after: ['nowhere'], before: ['b'] }),
      { ...event('undated', { on: '2025' }), date: undefined },
      event('b', { on: '2025-01' }),
      person,
    ];
    expect(ids(eventsInTimelineOrder(events))).toEqual(['a', 'b']);
  });

  it('cannot hang or throw on a cycle: it breaks the cycle at the event that sorts first', () => {
    const events = [
      event('c', { on: '2025-03', after: ['b'] }),
      event('b', { on: '2025-02', after: ['a'] }),
      event('a', { on: '2025-01', after: ['c'] }),
      event('after-cycle', { on: '2024', after: ['c'] }),
      event('free', { on: '2025-02-15' }),
    ];
    // The event behind the cycle ("2024", after c) is not taken for the start of the cycle.
    expect(ids(eventsInTimelineOrder(events))).toEqual(['a', 'b', 'free', 'c', 'after-cycle']);
    const twoWay = [event('x', { on: '2025', before: ['y'] }), event('y', { on: '2025', before: ['x'] })];
    expect(ids(eventsInTimelineOrder(twoWay))).toEqual(['x', 'y']);
  });

  it('on random chains, keeps every link of an acyclic chain and places every event once, cycles or not', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const dates = ['2024', '2025', '2025-02', '2025-08', '2025-08-06', '2025-08-18', '2025-09-01'];
    for (let round = 0; round < 200; round++) {
      const size = 2 + random(12);
      const acyclic = round % 2 === 0;
      const events = Array.from({ length: size }, (_, i) => {
        // Acyclic rounds link only to higher numbers; the others anywhere.
        const others = Array.from({ length: random(3) }, () => random(size)).filter(
          (j) => j !== i && (!acyclic || j > i),
        );
        return event(`e${i}`, {
          on: dates[random(dates.length)] as string,
          before: [...new Set(others)].map((j) => `e${j}`),
        });
      });
      const order = ids(eventsInTimelineOrder(events));
      expect([...order].sort()).toEqual(ids(events).sort());
      if (!acyclic) continue;
      for (const entity of events) {
        for (const later of entity.followedBy ?? []) {
          expect(order.indexOf(entity.id.slice(6))).toBeLessThan(order.indexOf(later.slice(6)));
        }
      }
    }
  });

  it('orders a long chain written against its dates, and many events, without deep recursion', () => {
    const count = 20_000;
    const chain = Array.from({ length: count }, (_, i) =>
      event(`e${i}`, { on: `${2000 + (count - i) / 1000}`.slice(0, 4), ...(i > 0 ? { after: [`e${i - 1}`] } : {}) }),
    );
    const order = ids(eventsInTimelineOrder(chain.reverse()));
    expect(order).toHaveLength(count);
    expect(order.slice(0, 3)).toEqual(['e0', 'e1', 'e2']);
    expect(order.at(-1)).toBe(`e${count - 1}`);
  });
});

describe('buildDatasetView and eventNeighbourhood', () => {
  it('use the timeline order for the popup timeline and an event’s small timeline', () => {
    const events = [
      event('meeting', { on: '2025-08-18', after: ['call'], before: ['summit'] }),
      event('call', { on: '2025-08-18', after: ['talks'] }),
      event('talks', { on: '2025-08-18' }),
      event('summit', { on: '2025-08-06', after: ['meeting'] }),
      event('clash', { on: '2025-02' }),
    ];
    const view = buildDatasetView(events, []);
    expect(ids(view.timeline)).toEqual(['clash', 'talks', 'call', 'meeting', 'summit']);
    const meeting = view.entities.get('event/meeting') as Entity;
    expect(ids(eventNeighbourhood(meeting, view))).toEqual(['call', 'meeting', 'summit']);
  });
});
