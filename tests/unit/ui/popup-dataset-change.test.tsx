// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity, Source } from '../../../src/core/dataset-schema.ts';
import { buildDatasetView } from '../../../src/core/search/dataset-view.ts';
import { type CompiledSearch, loadSearch } from '../../../src/core/search/search-entities.ts';
import { Popup, type PopupProps } from '../../../src/ui/Popup.tsx';

const COMPILED = join(import.meta.dirname, '../../../src/data/compiled');
const compiled = JSON.parse(readFileSync(join(COMPILED, 'entities.json'), 'utf8')) as {
  entities: Entity[];
  sources: Source[];
};
const search = loadSearch(JSON.parse(readFileSync(join(COMPILED, 'search.json'), 'utf8')) as CompiledSearch);
const WITKOFF = 'person/steve-witkoff';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

/** The popup over the bundled dataset, or over it less the entities `without`. */
function show(without: readonly string[] = [], initialEntity?: string): void {
  const entities = compiled.entities.filter((entity) => !without.includes(entity.id));
  const props: PopupProps = {
    fuse: search,
    view: buildDatasetView(entities, compiled.sources),
    page: { kind: 'loading' },
    initialEntity,
    onToggleSite: () => {},
    onReveal: () => {},
    onClose: () => {},
    onOpenOptions: () => {},
  };
  render(<Popup {...props} />, root);
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const entryTitle = () => root.querySelector('.nc-entry')?.textContent ?? null;

describe('the popup when its dataset changes while it is open', () => {
  it('keeps the entry the reader is reading when the new dataset still has it', async () => {
    show([], WITKOFF);
    expect(entryTitle()).toContain('Steve Witkoff');
    show(['person/vladimir-putin']);
    await flush();
    expect(entryTitle()).toContain('Steve Witkoff');
  });

  it('goes back to the search when the new dataset no longer has the entry’s entity', async () => {
    show([], WITKOFF);
    expect(entryTitle()).toContain('Steve Witkoff');
    show([WITKOFF]);
    await flush();
    expect(entryTitle()).toBeNull();
    expect(root.querySelector('.nc-search')).not.toBeNull();
  });
});
