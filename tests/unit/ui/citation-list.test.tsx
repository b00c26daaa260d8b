// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Citation, Source } from '../../../src/core/dataset-schema.ts';
import { CitationList } from '../../../src/ui/CitationList.tsx';
import { InferredDate } from '../../../src/ui/InferredDate.tsx';
import { I18nContext } from '../../../src/ui/i18n.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const source = (id: string, extra: Partial<Source> = {}): Source => ({
  id,
  seed: `${id}.txt`,
  title: `Headline of ${id}`,
  titleInText: true,
  outlet: null,
  published: { earliest: '2025-08-06', latest: '2025-08-07', inferred: true, basis: 'Reports Wednesday as news.' },
  ...extra,
});
const sources = new Map([
  ['a', source('a')],
  ['b', source('b', { titleInText: false, outlet: 'Wire.com' })],
]);
/** English-like strings for the keys the components use, so the tests read what a reader reads. */
const t = (key: string, subs?: string | string[]) => `${key}(${[subs ?? []].flat().join(',')})`;
const show = (node: preact.ComponentChild) =>
  render(<I18nContext.Provider value={t}>{node}</I18nContext.Provider>, root);
const text = (selector: string) => [...root.querySelectorAll(selector)].map((n) => n.textContent ?? '');

describe('CitationList', () => {
  it('shows one citation as its line: headline and dates, the quote and the date’s basis inside', () => {
    show(<CitationList citations={[{ source: 'a', quote: 'the quote' }]} sources={sources} />);
    expect(text('.nc-cite summary')).toEqual(['Headline of a\u00a0·\u00a06–7 Aug 2025']);
    expect(text('.nc-cite blockquote')).toEqual(['the quote']);
    expect(text('.nc-cite__basis')).toEqual(['publishedWorkedOut(Reports Wednesday as news.)']);
    expect(root.querySelector('details')?.open).toBe(false);
  });

  it('collapses several sources to a count that opens on their lines, named by outlet where there is no headline', async () => {
    const citations: Citation[] = [
      { source: 'a', quote: 'one' },
      { source: 'b', quote: 'two' },
    ];
    show(<CitationList citations={citations} sources={sources} />);
    const toggle = root.querySelector('.nc-sources__toggle') as HTMLButtonElement;
    expect(toggle.textContent).toBe('▸sourcesCount(2)');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(text('.nc-cite summary')).toEqual([]);
    await act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(text('.nc-cite__label')).toEqual(['Headline of a', 'Wire.com']);
  });

  it('counts quotes, not sources, when several quotes come from one source', () => {
    const citations: Citation[] = [
      { source: 'a', quote: 'one' },
      { source: 'a', quote: 'two' },
    ];
    show(<CitationList citations={citations} sources={sources} />);
    expect(text('.nc-sources__toggle')).toEqual(['▸quotesCount(2)']);
  });
});

describe('InferredDate', () => {
  it('marks a worked-out date with a quiet ≈ and describes itself by how it was worked out', () => {
    show(<InferredDate text="15 Aug 2025" basis="The Friday before the talks." />);
    const date = root.querySelector('.nc-date--inferred') as HTMLElement;
    expect(date.tabIndex).toBe(0);
    expect(date.textContent).toContain('≈ 15 Aug 2025');
    const tip = document.getElementById(date.getAttribute('aria-describedby') ?? '');
    expect(tip?.getAttribute('role')).toBe('tooltip');
    expect(tip?.textContent).toBe('dateWorkedOutFrom(The Friday before the talks.)');
  });
});
