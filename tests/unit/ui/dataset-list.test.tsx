// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportOutcome, InstalledPack } from '../../../src/core/pack-index.ts';
import type { PackManifest } from '../../../src/core/packs/pack-manifest.ts';
import {
  type ChosenPackFile,
  DatasetList,
  type DatasetListProps,
  PROBLEMS_SHOWN,
  UNUSABLE_PROBLEMS_SHOWN,
  UnreadablePackFile,
} from '../../../src/ui/DatasetList.tsx';
import { I18nContext } from '../../../src/ui/i18n.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const manifest = (id: string, version: string, asOf: string): PackManifest => ({
  id,
  title: id === 'bundled' ? 'August 2025 Ukraine talks' : 'Vellmar Bay ferry strike',
  version,
  asOf,
  publisher: 'Tests',
  license: 'CC BY 4.0',
  description: 'A pack for the tests.',
});

const PACKS: InstalledPack[] = [
  {
    manifest: manifest('bundled', '1.0.0', '2025-08-19'),
    enabled: true,
    bytes: 250_000,
    entities: 77,
    importedAt: '',
    bundled: true,
  },
  {
    manifest: manifest('harbour', '1.2.0', '2026-11-20'),
    enabled: false,
    bytes: 3_200,
    entities: 5,
    importedAt: '2026-11-30T10:00:00.000Z',
    bundled: false,
  },
];

function show(overrides: Partial<DatasetListProps> = {}) {
  const props: DatasetListProps = {
    packs: PACKS,
    maxAgeDays: 90,
    now: new Date('2026-12-01T12:00:00Z'),
    updating: false,
    onToggle: vi.fn(),
    onRemove: vi.fn(),
    onExport: vi.fn(async () => undefined),
    onImport: vi.fn(async (): Promise<ImportOutcome> => ({ kind: 'rejected', problems: [] })),
    onMaxAgeChange: vi.fn(),
    ...overrides,
  };
  render(<DatasetList {...props} />, root);
  return props;
}

const row = (id: string) => root.querySelector(`[data-pack="${id}"]`) as HTMLElement;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Picks `file` in the import picker, the way the browser reports a chosen file. */
function pick(file: File) {
  const input = root.querySelector('input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Chooses a file in the import picker, and waits for what the section says of it. */
async function choose(name: string, text: string) {
  pick(new File([text], name, { type: 'application/json' }));
  await vi.waitFor(() => expect(root.querySelector('.nc-packs__notice')).not.toBeNull());
}

describe('the Datasets section', () => {
  it('lists each pack with its title, version, as-of date, entity count and size, and labels an old one', () => {
    show();
    const bundled = row('bundled');
    expect(bundled.querySelector('.nc-pack__title')?.textContent).toBe('August 2025 Ukraine talks');
    const meta = [...bundled.querySelectorAll('.nc-pack__meta > span')].map((span) => span.textContent);
    expect(meta).toEqual(['optionsPackVersion', 'packAsOf', 'optionsPackStale', 'optionsPackEntities', '244 KB']);
    expect(row('harbour').querySelector('.nc-pack__stale')).toBeNull();
    expect(row('harbour').querySelector('.nc-pack__meta')?.textContent).toContain('3 KB');
  });

  it('switches packs, removes only imported ones and exports any', async () => {
    const props = show({ onExport: vi.fn(async () => ({ fileName: 'harbour-1.2.0.newscontext.json', text: '{}' })) });
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    (row('harbour').querySelector('input[role="switch"]') as HTMLInputElement).click();
    expect(props.onToggle).toHaveBeenCalledWith('harbour', true);
    expect(row('bundled').querySelector('.nc-pack__remove')).toBeNull();
    (row('harbour').querySelector('.nc-pack__export') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]?.text()).toBe('{}');
  });

  it('names the file, entity and field of every problem of a rejected pack, and how many more there are', async () => {
    const problems = Array.from({ length: PROBLEMS_SHOWN + 3 }, (_, i) => ({
      file: 'broken.newscontext.json',
      entity: `person/someone-${i}`,
      field: 'facts[0].citations[0].quote',
      message: 'not found verbatim in source harbour-report',
    }));
    show({ onImport: vi.fn(async (): Promise<ImportOutcome> => ({ kind: 'rejected', problems })) });
    await choose('broken.newscontext.json', '{"format":"news-context-pack"}');
    const alert = root.querySelector('[role="alert"]') as HTMLElement;
    const lines = [...alert.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(PROBLEMS_SHOWN);
    for (const text of ['broken.newscontext.json', 'person/someone-0', 'facts[0].citations[0].quote']) {
      expect(lines[0]).toContain(text);
    }
    expect(alert.textContent).toContain('optionsPackMoreProblems');
  });

  it('asks before an older or equal version replaces the installed one, and imports it on confirmation', async () => {
    const older = manifest('harbour', '1.1.0', '2026-10-01');
    const onImport = vi.fn(
      async (_chosen: ChosenPackFile, confirmed: boolean): Promise<ImportOutcome> =>
        confirmed
          ? { kind: 'installed', pack: { ...(PACKS[1] as InstalledPack), manifest: older } }
          : { kind: 'confirm', manifest: older, previous: PACKS[1] as InstalledPack, reason: 'older' },
    );
    show({ onImport });
    await choose('harbour-old.newscontext.json', 'the file text');
    expect(root.querySelector('.nc-packs__notice--confirm')?.textContent).toContain('optionsPackConfirm_older');
    (root.querySelector('.nc-packs__replace') as HTMLButtonElement).click();
    await settle();
    expect(onImport).toHaveBeenCalledTimes(2);
    const [chosen, confirmed] = onImport.mock.lastCall ?? [];
    expect(confirmed).toBe(true);
    expect(chosen?.name).toBe('harbour-old.newscontext.json');
    expect(await chosen?.file.text()).toBe('the file text');
    await vi.waitFor(() => expect(root.querySelector('.nc-packs__notice--ok')).not.toBeNull());
  });

  it('imports a file dropped on the import box', async () => {
    const props = show();
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    const file = new File(['dropped text'], 'dropped.newscontext.json', { type: 'application/json' });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    root.querySelector('.nc-packs__drop')?.dispatchEvent(drop);
    await vi.waitFor(() => expect(props.onImport).toHaveBeenCalled());
    const [chosen, confirmed] = vi.mocked(props.onImport).mock.lastCall ?? [];
    expect(confirmed).toBe(false);
    expect(chosen?.file).toBe(file);
    expect(chosen?.name).toBe('dropped.newscontext.json');
    expect(drop.defaultPrevented).toBe(true);
  });

  it('hands the chosen file itself to the import, unread, so that the background and the check can read it', async () => {
    const onImport = vi.fn(async (): Promise<ImportOutcome> => ({ kind: 'rejected', problems: [] }));
    show({ onImport });
    const file = new File(['{}'], 'picked.newscontext.json', { type: 'application/json' });
    const read = [vi.spyOn(file, 'text'), vi.spyOn(file, 'arrayBuffer'), vi.spyOn(file, 'stream')];
    pick(file);
    await vi.waitFor(() => expect(root.querySelector('.nc-packs__notice')).not.toBeNull());
    expect(onImport).toHaveBeenCalledWith({ name: 'picked.newscontext.json', file }, false);
    for (const spy of read) expect(spy).not.toHaveBeenCalled();
  });

  it('says so when a chosen file cannot be read, and imports nothing of it', async () => {
    show({
      onImport: vi.fn(async (): Promise<ImportOutcome> => {
        throw new UnreadablePackFile('gone.newscontext.json could not be read');
      }),
    });
    await choose('gone.newscontext.json', '{}');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('optionsPackUnreadable');
  });

  it('says so when the browser refuses to store a pack', async () => {
    show({
      onImport: vi.fn(async (): Promise<ImportOutcome> => Promise.reject(new Error('QUOTA_BYTES quota exceeded'))),
    });
    await choose('big.newscontext.json', '{}');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('optionsPackStoreFailed');
  });

  it('asks before removing a pack, in the row, with the focus on Cancel; Cancel and Escape keep it', async () => {
    const props = show();
    const remove = row('harbour').querySelector('.nc-pack__remove') as HTMLButtonElement;
    remove.click();
    await settle();
    const question = row('harbour').querySelector('.nc-pack__confirm') as HTMLElement;
    expect(question.textContent).toContain('optionsPackRemoveConfirm');
    await vi.waitFor(() => expect(document.activeElement?.classList.contains('nc-pack__remove-no')).toBe(true));
    expect(remove.getAttribute('aria-expanded')).toBe('true');
    (question.querySelector('.nc-pack__remove-no') as HTMLButtonElement).click();
    await settle();
    expect(row('harbour').querySelector('.nc-pack__confirm')).toBeNull();
    expect(document.activeElement).toBe(remove);
    remove.click();
    await vi.waitFor(() => expect(document.activeElement?.classList.contains('nc-pack__remove-no')).toBe(true));
    (document.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    await settle();
    expect(row('harbour').querySelector('.nc-pack__confirm')).toBeNull();
    expect(props.onRemove).not.toHaveBeenCalled();
    remove.click();
    await settle();
    (row('harbour').querySelector('.nc-pack__remove-yes') as HTMLButtonElement).click();
    expect(props.onRemove).toHaveBeenCalledWith('harbour');
  });

  it('says that the marks could not be updated, for which packs and why, instead of waiting for them', () => {
    render(
      <I18nContext.Provider value={(key, subs) => `${key}(${[subs ?? []].flat().join('|')})`}>
        <DatasetList
          {...show()}
          updating={true}
          failure={{ packs: ['Vellmar Bay ferry strike'], message: 'QUOTA_BYTES quota exceeded' }}
        />
      </I18nContext.Provider>,
      root,
    );
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'optionsPackCompileFailed(Vellmar Bay ferry strike|QUOTA_BYTES quota exceeded)',
    );
    expect(root.querySelector('[role="status"]')).toBeNull();
  });

  it('lists a pack this version cannot use with what is wrong, still exportable and removable', () => {
    const problems = Array.from({ length: UNUSABLE_PROBLEMS_SHOWN + 2 }, (_, i) => ({
      file: 'harbour.newscontext.json',
      entity: `person/p${i}`,
      field: 'facts.0.citations.0.quote',
      message: 'is not found verbatim',
    }));
    show({ unusable: new Map([['harbour', problems]]) });
    const harbour = row('harbour');
    expect(harbour.classList.contains('nc-pack--unusable')).toBe(true);
    const listed = [...harbour.querySelectorAll('.nc-pack__unusable li')].map((li) => li.textContent);
    expect(listed).toEqual(
      problems
        .slice(0, UNUSABLE_PROBLEMS_SHOWN)
        .map((p) => `harbour.newscontext.json: ${p.entity} › facts.0.citations.0.quote: is not found verbatim`),
    );
    expect(harbour.querySelector('.nc-pack__unusable')?.textContent).toContain('optionsPackMoreProblems');
    expect(harbour.querySelector('.nc-pack__remove')).not.toBeNull();
    expect(harbour.querySelector('.nc-pack__export')).not.toBeNull();
    expect(row('bundled').querySelector('.nc-pack__unusable')).toBeNull();
  });

  it('says when the marks are being updated and when no pack is on', () => {
    show({ updating: true, packs: PACKS.map((pack) => ({ ...pack, enabled: false })) });
    const status = [...root.querySelectorAll('.nc-packs__status')].map((p) => p.textContent);
    expect(status).toEqual(['optionsPackNoneOn', 'optionsPackUpdating']);
  });
});
