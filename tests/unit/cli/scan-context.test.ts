import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { PROJECT_ROOT } from '../../../src/cli/read-dataset.ts';

const CONTEXT = join(PROJECT_ROOT, 'tests', 'fixtures', 'context');
const PAGES = join(PROJECT_ROOT, 'tests', 'fixtures', 'pages');

async function scan(file: string): Promise<{ id: string; text: string }[]> {
  const out: string[] = [];
  const code = await main(
    ['scan', file, '--json'],
    (line) => out.push(line),
    () => undefined,
  );
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as { id: string; text: string }[];
}

/** Ids only a page about the story may get from its context-only aliases. */
const STORY_ONLY = /^(?:event|topic)\/|^org\/russian-foreign-ministry$/;

describe('news-context scan reads ambiguous words in context', () => {
  for (const file of readdirSync(CONTEXT).filter((f) => f.endsWith('.txt'))) {
    const name = file.replace(/\.txt$/, '');
    const expected = JSON.parse(readFileSync(join(CONTEXT, `${name}.expected.json`), 'utf8')) as {
      about: string;
      marks: [string, string][];
    };
    it(`${name}: ${expected.about}`, async () => {
      const marks = await scan(join(CONTEXT, file));
      expect(marks.map((m) => [m.id, m.text])).toEqual(expected.marks);
      if (!name.startsWith('on-topic')) expect(marks.filter((m) => STORY_ONLY.test(m.id))).toEqual([]);
    });
  }

  for (const page of ['context-on-topic', 'context-off-topic']) {
    it(`${page}.html: the marks its expected file lists`, async () => {
      const expected = JSON.parse(readFileSync(join(PAGES, `${page}.expected.json`), 'utf8')) as {
        marked: Record<string, number>;
        notMarked: string[];
      };
      const counts: Record<string, number> = {};
      for (const m of await scan(join(PAGES, `${page}.html`))) counts[m.id] = (counts[m.id] ?? 0) + 1;
      expect(counts).toEqual(expected.marked);
      for (const id of expected.notMarked) expect(counts[id], id).toBeUndefined();
    });
  }
});
