// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity, Source } from '../../../src/core/dataset-schema.ts';
import { buildDatasetView } from '../../../src/core/search/dataset-view.ts';
import compiled from '../../../src/data/compiled/entities.json' with { type: 'json' };
import { EntityEntry } from '../../../src/ui/EntityEntry.tsx';
import { Timeline } from '../../../src/ui/Timeline.tsx';

const view = buildDatasetView(compiled.entities as Entity[], compiled.sources as Source[]);
const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

const texts = (selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent ?? '');

describe('the popup timeline and an event’s small timeline, on the bundled dataset', () => {
  it('lists the February clash before the minerals deal that followed it, and the 18 August chain in order', () => {
    render(<Timeline view={view} onOpen={() => {}} />, root);
    const order = [...root.querySelectorAll('.nc-timeline__item')].map((item) => item.getAttribute('data-entity'));
    expect(order).toHaveLength(view.timeline.length);
    const at = (id: string) => order.indexOf(id);
    expect(at('event/oval-office-clash')).toBeLessThan(at('event/minerals-deal'));
    expect(at('event/white-house-talks')).toBeLessThan(at('event/trump-putin-call'));
    expect(at('event/trump-putin-call')).toBeLessThan(at('event/putin-zelensky-meeting'));
    expect(at('event/putin-zelensky-meeting')).toBeLessThan(at('event/trilateral-summit'));
    expect(texts('.nc-timeline__year-title').slice(0, 3)).toEqual(['2014', '2022', '2025']);
    expect(texts('.nc-timeline__date').slice(1, 2)).toEqual(['Feb']);
  });

  it('shows one compact row per event: its date in the year, name and one line, the sources on demand', () => {
    render(<Timeline view={view} onOpen={() => {}} />, root);
    const row = root.querySelector('[data-entity="event/alaska-summit"]') as HTMLElement;
    expect(row.querySelector('.nc-timeline__date')?.textContent).toBe('15 Aug');
    expect(row.querySelector('.nc-timeline__what')?.textContent).toBe('Trump–Putin summit at a US base in Alaska');
    const sources = row.querySelector('.nc-timeline__sources') as HTMLElement;
    expect(sources.hidden).toBe(true);
    const toggle = row.querySelector('.nc-timeline__toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(sources.hidden).toBe(false);
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(sources.textContent).not.toContain('Outlet unknown');
        resolve();
      });
    });
  });

  it('groups the events the sources date only to the year under that year, with no day', () => {
    render(<Timeline view={view} onOpen={() => {}} />, root);
    const vague = root.querySelector('[data-entity="event/minerals-deal"]') as HTMLElement;
    expect(vague.classList.contains('nc-timeline__item--vague')).toBe(true);
    expect(vague.closest('.nc-timeline__year')?.querySelector('.nc-timeline__year-title')?.textContent).toBe('2025');
  });

  it('shows the chain around the Putin–Zelensky meeting in the order it happened', () => {
    const meeting = view.entities.get('event/putin-zelensky-meeting') as Entity;
    render(<EntityEntry entity={meeting} view={view} onNavigate={() => {}} />, root);
    const names = texts('.nc-minitimeline li > :not(.nc-minitimeline__date)');
    expect(names).toContain('Trump–Putin phone call');
    const at = (name: string) => names.indexOf(name);
    expect(at('Trump–Putin phone call')).toBeLessThan(at('Proposed Putin–Zelensky meeting'));
    expect(at('Proposed Putin–Zelensky meeting')).toBeLessThan(at('Proposed trilateral summit'));
  });
});
