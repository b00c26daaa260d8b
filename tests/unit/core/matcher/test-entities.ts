import type { Entity } from '../../../../src/core/dataset-schema.ts';

type Kind = Entity['kind'];

/** A test entity: its id as its name, and no facts. */
export function testEntity(id: string, kind: Kind, aliases: Entity['aliases']): Entity {
  return { id, kind, name: id, aliases, role: 'test', summary: 'test', facts: [] };
}

const prefer = { resolve: 'prefer', note: 'test' } as const;
const defer = { resolve: 'defer', note: 'test' } as const;

/** A small dataset that exercises every alias option, independent of the real one. */
export const TEST_ENTITIES: Entity[] = [
  testEntity('person/donald-trump', 'person', ['Donald Trump', { text: 'Trump', ambiguous: prefer }]),
  testEntity('person/melania-trump', 'person', ['Melania Trump', { text: 'Trump', ambiguous: defer }]),
  testEntity('person/vladimir-putin', 'person', ['Vladimir Putin', 'Putin']),
  testEntity('person/volodymyr-zelensky', 'person', ['Volodymyr Zelensky', 'Zelensky', 'Zelenskyy']),
  testEntity('person/olena-zelenska', 'person', ['Olena Zelenska']),
  testEntity('person/steve-witkoff', 'person', ['Steve Witkoff', 'Witkoff']),
  testEntity('person/yuri-ushakov', 'person', ['Yuri Ushakov', 'Ushakov']),
  testEntity('person/jd-vance', 'person', ['JD Vance', 'Vance']),
  testEntity('person/ursula-von-der-leyen', 'person', ['Ursula von der Leyen', 'von der Leyen']),
  testEntity('org/nato', 'organization', ['NATO']),
  testEntity('org/tass', 'organization', ['TASS']),
  testEntity('org/x', 'organization', [{ text: 'X', highlight: false }]),
  testEntity('place/alaska', 'place', ['Alaska']),
  testEntity('place/germany', 'place', ['Germany']),
  testEntity('place/kyiv', 'place', ['Kyiv', { text: 'Kiev', fuzzy: false }]),
  testEntity('place/united-states', 'place', ['U.S.', { text: 'US', case: 'exact' }, 'United States']),
  testEntity('event/alaska-summit', 'event', [
    'Alaska summit',
    { text: 'summit … in Alaska', case: 'any' },
    { text: 'met in Alaska', case: 'any' },
  ]),
  testEntity('topic/security-guarantees', 'topic', [{ text: 'security guarantees', case: 'any' }]),
  testEntity('event/nato-spending-pledge', 'event', [{ text: '5% of GDP', case: 'any' }]),
  testEntity('event/trilateral-summit', 'event', [
    { text: 'Trilat', ambiguous: { resolve: 'capitalised-only', note: 't' } },
  ]),
];
