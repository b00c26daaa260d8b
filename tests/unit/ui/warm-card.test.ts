// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fontsOfText, paintUnseen, warmCard } from '../../../src/ui/warm-card.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => root.replaceChildren());

/** A span of `text` in the given inline style. */
function span(text: string, style: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.setAttribute('style', style);
  element.textContent = text;
  return element;
}

describe('fontsOfText: what a card’s first layout looks up', () => {
  it('groups the characters of the text by the font each is drawn in, once each', () => {
    root.style.font = '14px serif';
    root.append(
      span('Witkoff met Putin', 'font-weight: 700; font-size: 17px'),
      span('the envoy', ''),
      span('Kremlin', 'font-weight: 700; font-size: 17px'),
      span('as of', 'font-style: italic'),
    );
    const fonts = fontsOfText(root);
    expect(fonts.size).toBe(3);
    const bold = [...fonts].find(([font]) => font.includes('700') && font.includes('17px'));
    expect(bold?.[1]).toBe([...new Set('Witkoff met PutinKremlin')].join(''));
    const italic = [...fonts].find(([font]) => font.startsWith('italic'));
    expect(italic?.[1]).toBe('as of');
  });

  it('reads transformed text as it is drawn (a kind label in capitals) and skips white space between elements', () => {
    root.append(span('Person', 'text-transform: uppercase'), document.createTextNode('\n  '));
    const fonts = fontsOfText(root);
    expect([...fonts.values()]).toEqual(['PERSON']);
  });
});

describe('warmCard', () => {
  it('lays the hidden card out once, out of sight, and leaves its place and visibility as they were', async () => {
    const popover = document.createElement('div');
    popover.style.left = '120px';
    popover.append(span('Steve Witkoff', 'font-weight: 700'));
    root.append(popover);
    let laidOutAt: { display: string; visibility: string; left: string } | undefined;
    popover.getBoundingClientRect = () => {
      laidOutAt = { display: popover.style.display, visibility: popover.style.visibility, left: popover.style.left };
      return new DOMRect();
    };
    const warming = warmCard(popover);
    // Nothing in the task that rendered the card: the page's own work runs first.
    expect(laidOutAt).toBeUndefined();
    await warming;
    expect(laidOutAt).toEqual({ display: 'block', visibility: 'hidden', left: '-10000px' });
    expect({ display: popover.style.display, visibility: popover.style.visibility, left: popover.style.left }).toEqual({
      display: '',
      visibility: '',
      left: '120px',
    });
  });
});

describe('paintUnseen: the card’s first paint, before it is shown', () => {
  /** A hidden card as the hover card renders it: a popover in a container. */
  function hiddenCard(): { container: HTMLDivElement; popover: HTMLDivElement } {
    const container = document.createElement('div');
    const popover = document.createElement('div');
    popover.className = 'nc-popover';
    popover.setAttribute('popover', 'manual');
    popover.append(span('Steve Witkoff', 'font-weight: 700'));
    container.append(popover);
    root.append(container);
    return { container, popover };
  }

  it('paints a transparent, inert copy no one can see or reach, beside the card, and takes it off again', async () => {
    const { container, popover } = hiddenCard();
    const painting = paintUnseen(popover);
    const copy = container.nextElementSibling as HTMLElement;
    expect(copy?.textContent).toBe('Steve Witkoff');
    expect(copy.hasAttribute('popover')).toBe(false);
    expect(copy.getAttribute('aria-hidden')).toBe('true');
    expect(copy.hasAttribute('inert')).toBe(true);
    for (const [name, value] of [
      ['opacity', '0'],
      ['will-change', 'opacity'],
      ['pointer-events', 'none'],
      ['visibility', 'visible'],
    ] as const) {
      expect([name, copy.style.getPropertyValue(name), copy.style.getPropertyPriority(name)]).toEqual([
        name,
        value,
        'important',
      ]);
    }
    // The card itself is left as it was, and Preact's container holds only what it rendered.
    expect(container.children).toHaveLength(1);
    expect(popover.getAttribute('style')).toBeNull();
    await painting;
    expect(copy.isConnected).toBe(false);
    expect(root.children).toHaveLength(1);
  });

  it('makes no copy of a card already shown', async () => {
    const { container, popover } = hiddenCard();
    // happy-dom has no popovers: the card answers as a shown one does.
    Object.defineProperty(popover, 'matches', { value: (selector: string) => selector === ':popover-open' });
    const painting = paintUnseen(popover);
    expect(container.nextElementSibling).toBeNull();
    await painting;
  });
});
