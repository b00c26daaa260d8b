import type { Entity } from '../../../../src/core/dataset-schema.ts';

type Kind = Entity['kind'];

function entity(id: string, kind: Kind, aliases: Entity['aliases']): Entity {
  return { id, kind, name: id, aliases, role: 'test', summary: 'test', facts: [] };
}

const prefer = { resolve: 'prefer', note: 'test' } as const;
const defer = { resolve: 'defer', note: 'test' } as const;

/** A small dataset that exercises every alias option, independent of the real one. */
export const TEST_ENTITIES: Entity[] = [
  entity('person/donald-trump', 'person', ['Donald Trump', { text: 'Trump', ambiguous: prefer }]),
  entity('person/melania-trump', 'person', ['Melania Trump', { text: 'Trump', ambiguous: defer }]),
  entity('person/vladimir-putin', 'person', ['Vladimir Putin', 'Putin']),
  entity('person/volodymyr-zelensky', 'person', ['Volodymyr Zelensky', 'Zelensky', 'Zelenskyy']),
  entity('person/olena-zelenska', 'person', ['Olena Zelenska']),
  entity('person/steve-witkoff', 'person', ['Steve Witkoff', 'Witkoff']),
  entity('person/yuri-ushakov', 'person', ['Yuri Ushakov', 'Ushakov']),
  entity('person/jd-vance', 'person', ['JD Vance', 'Vance']),
  entity('person/ursula-von-der-leyen', 'person', ['Ursula von der Leyen', 'von der Leyen']),
  entity('org/nato', 'organization', ['NATO']),
  entity('org/tass', 'organization', ['TASS']),
  entity('org/x', 'organization', [{ text: 'X', highlight: false }]),
  entity('place/alaska', 'place', ['Alaska']),
  entity('place/germany', 'place', ['Germany']),
  entity('place/kyiv', 'place', ['Kyiv', { text: 'Kiev', fuzzy: false }]),
  entity('place/united-states', 'place', ['U.S.', { text: 'US', case: 'exact' }, 'United States']),
  entity('event/alaska-summit', 'event', [
    'Alaska summit',
    { text: 'summit … in Alaska', case: 'any' },
    { text: 'met in Alaska', case: 'any' },
  ]),
  entity('topic/security-guarantees', 'topic', [{ text: 'security guarantees', case: 'any' }]),
  entity('event/nato-spending-pledge', 'event', [{ text: '5% of GDP', case: 'any' }]),
  entity('event/trilateral-summit', 'event', [
    { text: 'Trilat', ambiguous: { resolve: 'capitalised-only', note: 't' } },
  ]),
];
