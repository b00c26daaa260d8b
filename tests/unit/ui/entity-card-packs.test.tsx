// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { cardDataFor, cardDataFromMessage } from '../../../src/core/card-data.ts';
import type { Entity, Source } from '../../../src/core/dataset-schema.ts';
import { type PackLabel, packLabels } from '../../../src/core/pack-age.ts';
import { buildDatasetView } from '../../../src/core/search/dataset-view.ts';
import { EntityCard } from '../../../src/ui/EntityCard.tsx';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const source: Source = {
  id: 'harbour-report',
  seed: 'harbour.txt',
  title: 'Ferry crews walk out',
  titleInText: true,
  outlet: null,
  published: { earliest: '2026-03-02', latest: '2026-03-02', inferred: false },
};
const fact = (text: string, pack?: string) => ({
  text,
  citations: [{ source: 'harbour-report', quote: text }],
  ...(pack ? { pack } : {}),
});
const merged: Entity = {
  id: 'person/ilse-marrow',
  kind: 'person',
  name: 'Ilse Marrow',
  aliases: ['Ilse Marrow'],
  role: 'Union leader',
  summary: 'Leads the ferry crews.',
  facts: [fact('She called the strike.', 'harbour'), fact('She spoke in Vellmar.', 'bundled')],
  packs: ['harbour', 'bundled'],
};
const PACKS = [
  { id: 'bundled', title: 'August 2025 Ukraine talks', asOf: '2025-08-19' },
  { id: 'harbour', title: 'Vellmar Bay ferry strike', asOf: '2026-11-20' },
];

const packLines = () =>
  [...root.querySelectorAll('.nc-card__pack')].map((line) => ({
    pack: line.getAttribute('data-pack'),
    text: line.textContent,
    stale: line.querySelector('.nc-card__pack-stale') !== null,
  }));

describe('a card says where its facts come from', () => {
  it('groups facts by pack, each group with its pack’s title and as-of date, an old pack labelled quietly', () => {
    const labels = packLabels(PACKS, new Date('2026-12-01T00:00:00Z'), 90);
    const view = buildDatasetView([merged], [source]);
    const data = cardDataFromMessage(
      cardDataFor(view, merged.id, labels) as NonNullable<ReturnType<typeof cardDataFor>>,
    );
    render(<EntityCard {...data} detail="full" />, root);
    expect(packLines()).toEqual([
      { pack: 'harbour', text: 'Vellmar Bay ferry strike\u00a0· packAsOf', stale: false },
      { pack: 'bundled', text: 'August 2025 Ukraine talks\u00a0· packAsOf packStale', stale: true },
    ]);
  });

  it('names the one pack of a dataset compiled alone (no pack on its facts) once, under the facts', () => {
    const alone: Entity = { ...merged, facts: [fact('One.'), fact('Two.')], packs: undefined };
    const label: PackLabel = { id: 'bundled', title: 'August 2025 Ukraine talks', asOf: '2025-08-19', stale: false };
    render(
      <EntityCard
        entity={alone}
        sources={new Map([[source.id, source]])}
        names={new Map()}
        packs={new Map([['bundled', label]])}
        detail="full"
      />,
      root,
    );
    expect(packLines()).toEqual([{ pack: 'bundled', text: 'August 2025 Ukraine talks\u00a0· packAsOf', stale: false }]);
    expect(root.querySelectorAll('.nc-fact')).toHaveLength(2);
  });

  it('shows no pack line when the data names no pack', () => {
    const alone: Entity = { ...merged, facts: [fact('One.')], packs: undefined };
    render(
      <EntityCard entity={alone} sources={new Map([[source.id, source]])} names={new Map()} detail="hover" />,
      root,
    );
    expect(packLines()).toEqual([]);
    expect(root.querySelectorAll('.nc-fact')).toHaveLength(1);
  });
});
