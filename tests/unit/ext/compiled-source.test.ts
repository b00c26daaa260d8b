import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMatcherSnapshot } from '../../../src/core/matcher/matcher-snapshot.ts';
import type { CompiledMeta, HeldCompiled } from '../../../src/ext/compiled-source.ts';
import { allLargeTexts, resetLargeTexts } from './large-texts-fixture.ts';

const SNAPSHOT = readFileSync(join(import.meta.dirname, '../../../src/data/compiled/matcher-snapshot.json'), 'utf8');

/** Output as the compiler would hand it over for `generation`: texts that name it, the bundled matcher's index. */
function output(generation: number): HeldCompiled {
  const meta: CompiledMeta = { generation, setKey: `pack@${generation}`, packs: [], marking: { familiar: [] } };
  return {
    meta,
    texts: {
      'entities.json': `entities ${generation}`,
      'matcher.json': `matcher ${generation}`,
      'search.json': `search ${generation}`,
    },
    matcher: loadMatcherSnapshot(SNAPSHOT),
  };
}

/** The module afresh (its storage item against the current fake storage), a chooser and a counted listener. */
async function fresh() {
  vi.resetModules();
  const source = await import('../../../src/ext/compiled-source.ts');
  const current = source.createCurrentCompiled(new AbortController().signal);
  const told = vi.fn();
  current.watch(told, new AbortController().signal);
  /** What the background's readers get now: the generation its entities name, or "bundled". */
  const reading = async () => (await current.read(['entities.json']))?.['entities.json'] ?? 'bundled';
  return { ...source, current, told, reading };
}

/** Lets storage's change events arrive. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the compiled output current for the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
  });

  it('is a compile handed over before it is stored, then the stored one, told once', async () => {
    const { current, told, reading, writeCompiled } = await fresh();
    expect(await reading()).toBe('bundled');
    const one = output(1);
    const { settle } = current.holdWhileStoring(one);
    expect(told).toHaveBeenCalledTimes(1);
    expect(await reading()).toBe('entities 1');
    expect((await current.read(['matcher.json']))?.matcher).toBe(one.matcher);
    await writeCompiled(one.meta, one.texts);
    settle(true);
    await settled();
    expect(told).toHaveBeenCalledTimes(1);
    // Read from storage now: the same output, without the index the compile was made with.
    expect(await current.read(['entities.json', 'matcher.json'])).toEqual({
      'entities.json': 'entities 1',
      'matcher.json': 'matcher 1',
      meta: one.meta,
    });
  });

  it('never lets an older compile replace a newer one, whether its write lands or fails', async () => {
    const { current, told, reading, writeCompiled } = await fresh();
    const older = current.holdWhileStoring(output(1));
    const newer = current.holdWhileStoring(output(2));
    expect(told).toHaveBeenCalledTimes(2);
    older.settle(false);
    expect(await reading()).toBe('entities 2');
    await writeCompiled(output(1).meta, output(1).texts);
    older.settle(true);
    await settled();
    expect(await reading()).toBe('entities 2');
    expect(told).toHaveBeenCalledTimes(2);
    newer.settle(true);
    expect(told).toHaveBeenCalledTimes(2);
  });

  it('goes back to the stored output when a write fails, telling its readers', async () => {
    const { current, told, reading, writeCompiled } = await fresh();
    await writeCompiled(output(1).meta, output(1).texts);
    await settled();
    told.mockClear();
    const { settle } = current.holdWhileStoring(output(2));
    expect(await reading()).toBe('entities 2');
    settle(false);
    expect(told).toHaveBeenCalledTimes(2);
    expect(await reading()).toBe('entities 1');
  });

  it('stores nothing of an output whose files cannot all be made: the output before stays whole', async () => {
    const { reading, writeCompiled } = await fresh();
    await writeCompiled(output(1).meta, output(1).texts);
    const before = await allLargeTexts();
    const broken = output(2);
    // The search is made and written first; the entities then fail to be made.
    Object.defineProperty(broken.texts, 'entities.json', {
      get() {
        throw new Error('out of memory');
      },
    });
    await expect(writeCompiled(broken.meta, broken.texts)).rejects.toThrow('out of memory');
    expect(await allLargeTexts()).toEqual(before);
    expect(await reading()).toBe('entities 1');
  });

  it('writes the popup’s search first, then the entities, then the matcher’s snapshot', async () => {
    const { writeCompiled, storedCompiled } = await fresh();
    const made: string[] = [];
    const texts = output(1).texts;
    const lazy = Object.fromEntries(
      Object.entries(texts).map(([name, text]) => [
        name,
        {
          get: () => {
            made.push(name);
            return text;
          },
          enumerable: true,
        },
      ]),
    );
    await writeCompiled(output(1).meta, Object.defineProperties({}, lazy) as typeof texts);
    expect(made).toEqual(['search.json', 'entities.json', 'matcher.json']);
    expect(await storedCompiled(['search.json', 'entities.json', 'matcher.json'])).toMatchObject(texts);
  });

  it('holds the bundled files too: the stored output is not read while it is being removed', async () => {
    const { current, told, reading, writeCompiled, clearCompiled } = await fresh();
    await writeCompiled(output(1).meta, output(1).texts);
    await settled();
    told.mockClear();
    const { settle } = current.holdWhileStoring(undefined);
    expect(told).toHaveBeenCalledTimes(1);
    expect(await reading()).toBe('bundled');
    await clearCompiled();
    settle(true);
    await settled();
    expect(told).toHaveBeenCalledTimes(1);
    expect(await reading()).toBe('bundled');
  });

  it('follows storage while nothing is held, and waits for its listeners’ answers', async () => {
    const { current, told, reading, writeCompiled } = await fresh();
    await writeCompiled(output(3).meta, output(3).texts);
    await settled();
    expect(told).toHaveBeenCalledTimes(1);
    expect(await reading()).toBe('entities 3');
    let answer = () => {};
    current.watch(
      () =>
        new Promise<void>((resolve) => {
          answer = resolve;
        }),
      new AbortController().signal,
    );
    let heard = false;
    void current.holdWhileStoring(output(4)).heard.then(() => {
      heard = true;
    });
    await settled();
    expect(heard).toBe(false);
    answer();
    await settled();
    expect(heard).toBe(true);
  });
});
