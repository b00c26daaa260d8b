import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAuthoring, formatAuthoringEval } from '../../../src/cli/eval-authoring.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

describe('evaluateAuthoring', { timeout: 30_000 }, () => {
  it('counts the gold entities the drafts list as known or new, and names the ones they miss', () => {
    const rows = evaluateAuthoring(join(FIXTURES, 'authoring', 'annotated-set'), join(FIXTURES, 'datasets', 'valid'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      file: '01.txt',
      gold: 4,
      listedKnown: 2,
      listedNew: 1,
      missed: ['org/pilots-guild'],
    });
    expect(rows[0]?.newNames.map((n) => n.name)).toEqual(['Marta Quill', 'Eastvale', 'Harbour Council']);
    const lines = formatAuthoringEval(rows);
    expect(lines[2]).toMatch(/^\| 01\.txt \| 4 \| 2 \| 1 \| 0\.750 \| 3 \|/);
    expect(lines).toContain('  01.txt: org/pilots-guild');
  });
});
