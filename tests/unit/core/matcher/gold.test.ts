import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, GOLD_DIR, readGold, readSourceText } from '../../../../src/cli/eval.ts';
import { readDataset } from '../../../../src/cli/read-dataset.ts';
import { buildGold } from '../../../fixtures/gold/build-gold.ts';

const golds = readGold();

describe('gold mentions', () => {
  it('covers the five seed articles', () => {
    expect(golds.map((g) => g.source).sort()).toEqual([
      'matzav-trump-arranges-direct-talks',
      'trump-aims-to-facilitate-peace-talks',
      'trump-and-putin-to-meet',
      'trump-begins-effort-to-broker-talks',
      'trump-moves-to-arrange-summit',
    ]);
  });

  for (const gold of golds) {
    it(`${gold.source}: every entry's text is its slice of the source`, () => {
      const text = readSourceText(gold.source);
      for (const m of gold.mentions) expect(text.slice(m.start, m.end), `${m.id}@${m.start}`).toBe(m.text);
    });

    it(`${gold.source}: matches its hand-written annotations`, () => {
      const annotations = readFileSync(join(GOLD_DIR, 'annotations', `${gold.source}.txt`), 'utf8');
      expect(buildGold(gold.source, annotations, readSourceText(gold.source))).toEqual(gold);
    });
  }
});

describe('matcher on the gold articles', () => {
  const { dataset } = readDataset();
  it('the dataset is valid', () => {
    expect(dataset).toBeDefined();
  });
  if (!dataset) return;
  const report = evaluate(dataset, { golds });

  it('holds the floors: names F1 ≥ 0.97 and precision ≥ 0.98; events and topics F1 ≥ 0.85', () => {
    for (const kind of ['person', 'organization', 'place'] as const) {
      expect(report.byKind[kind].f1, `${kind} F1`).toBeGreaterThanOrEqual(0.97);
      expect(report.byKind[kind].precision, `${kind} precision`).toBeGreaterThanOrEqual(0.98);
    }
    expect(report.byKind['event/topic'].f1, 'event/topic F1').toBeGreaterThanOrEqual(0.85);
  });

  it('uses only entity ids that exist in the dataset', () => {
    const ids = new Set(dataset.entities.map((e) => e.id));
    for (const gold of golds) for (const m of gold.mentions) expect(ids.has(m.id), m.id).toBe(true);
  });
});
