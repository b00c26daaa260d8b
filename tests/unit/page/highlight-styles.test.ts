/**
 * The marks' style sheet (`HighlightSheet`): adopted once for a look, its rules changed in place, adopted again
 * where the page dropped it, taken off when highlighting is switched off. Here the document and its constructed
 * sheets are stand-ins that keep the rules' text (happy-dom's CSS parser drops `::highlight()` rules); the
 * browsers draw with the real ones in the e2e tests (hostile pages: a page replacing `adoptedStyleSheets`, a
 * page still parsing).
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENTITY_KINDS } from '../../../src/core/dataset-schema.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings-schema.ts';
import { HighlightSheet, highlightRules } from '../../../src/page/highlight-styles.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { createPageNames } from '../../../src/page/page-names.ts';

const names = createPageNames();
const look = { style: 'underline' as const, colours: DEFAULT_SETTINGS.colours, inherited: true };

/** A constructed sheet that keeps its text. */
class StandInSheet {
  text = '';
  replaceSync(text: string): void {
    this.text = text;
  }
}
vi.stubGlobal('CSSStyleSheet', StandInSheet);
afterAll(() => vi.unstubAllGlobals());
const document = { adoptedStyleSheets: [] as StandInSheet[] };
const page = () => document as unknown as Document;
const ourSheets = () => document.adoptedStyleSheets.filter((sheet) => sheet.text.includes(names.highlight('person')));
const ruleOf = (sheet: StandInSheet | undefined, name: string) =>
  sheet?.text.split('\n').find((rule) => rule.includes(`(${name})`));

describe('the marks’ rules', () => {
  it('style every kind on light and on dark pages, the dark ones lighter, and the flash', () => {
    const css = highlightRules(look, names);
    for (const kind of ENTITY_KINDS) {
      expect(css).toContain(`:root::highlight(${names.highlight(kind)}) { text-decoration: underline dotted 2px`);
      expect(css).toMatch(new RegExp(`::highlight\\(${names.highlight(kind, true)}\\) \\{[^}]*color-mix\\([^}]*white`));
    }
    expect(css).toContain(`:root::highlight(${names.highlight('flash')})`);
  });

  it('style every element where the browser’s highlights do not inherit (Firefox)', () => {
    const css = highlightRules({ ...look, inherited: false }, names);
    expect(css).not.toContain(':root');
    expect(css).toContain(`\n::highlight(${names.highlight('place', true)})`);
  });
});

describe('the marks’ style sheet', () => {
  beforeEach(() => {
    document.adoptedStyleSheets = [];
  });

  it('is adopted once for a look, and changes its rules in place when the look changes', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.show(look);
    sheet.show(look);
    expect(ourSheets()).toHaveLength(1);
    const [adopted] = ourSheets();
    expect(ruleOf(adopted, names.highlight('person'))).toContain('underline');
    sheet.show({ ...look, style: 'tint' });
    expect(ourSheets()).toEqual([adopted]);
    expect(ruleOf(adopted, names.highlight('person'))).toContain('background-color');
  });

  it('is adopted again, beside the page’s own, after the page replaced the document’s sheets', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.show(look);
    const pages = new StandInSheet();
    pages.replaceSync('p { color: navy }');
    document.adoptedStyleSheets = [pages];
    expect(sheet.adopted).toBe(false);
    sheet.ensureAdopted();
    expect(sheet.adopted).toBe(true);
    expect(document.adoptedStyleSheets[0]).toBe(pages);
    expect(ourSheets()).toHaveLength(1);
  });

  it('gives up after the page has dropped it more times than it may be put back', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.show(look);
    for (let i = 0; i < PAGE_DEFAULTS.maxSheetReadopts; i++) {
      document.adoptedStyleSheets = [];
      sheet.ensureAdopted();
      expect(sheet.adopted).toBe(true);
    }
    document.adoptedStyleSheets = [];
    sheet.ensureAdopted();
    expect(sheet.adopted).toBe(false);
  });

  it('is adopted with the default look before the page has an element; the reader’s, the same, changes nothing', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.adoptProvisional(look);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    const [early] = document.adoptedStyleSheets as [StandInSheet];
    expect(ruleOf(early, names.highlight('person'))).toContain('underline');
    // The reader kept the defaults: the rules are not written again, so the page restyles nothing.
    const replaced = vi.spyOn(early, 'replaceSync');
    const adoptedList = document.adoptedStyleSheets;
    sheet.offer({ ...look, colours: { ...look.colours } });
    expect(replaced).not.toHaveBeenCalled();
    expect(document.adoptedStyleSheets).toBe(adoptedList);
    expect(ourSheets()).toEqual([early]);
  });

  it('takes the reader’s own look into the same sheet, without adopting again', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.adoptProvisional(look);
    const [early] = document.adoptedStyleSheets;
    const adoptedList = document.adoptedStyleSheets;
    sheet.offer({ ...look, style: 'tint', colours: { ...look.colours, person: '#000000' } });
    expect(document.adoptedStyleSheets).toBe(adoptedList);
    expect(ourSheets()).toEqual([early]);
    expect(ruleOf(early, names.highlight('person'))).toContain('background-color: color-mix(in srgb, #000000');
    // Settled: a later offer (an older answer) changes nothing.
    sheet.offer(look);
    expect(ruleOf(early, names.highlight('person'))).toContain('#000000');
  });

  it('takes the early sheet away when the look says highlighting is off on the site', () => {
    const pages = new StandInSheet();
    const sheet = new HighlightSheet(page(), names);
    sheet.adoptProvisional(look);
    document.adoptedStyleSheets = [pages, ...document.adoptedStyleSheets];
    sheet.offer(null);
    expect(document.adoptedStyleSheets).toEqual([pages]);
    // Switched on later, the session shows its look in a sheet adopted then.
    sheet.show(look);
    expect(ourSheets()).toHaveLength(1);
    expect(document.adoptedStyleSheets[0]).toBe(pages);
  });

  it('keeps the session’s look when an older answer says the site is off', () => {
    const sheet = new HighlightSheet(page(), names);
    sheet.adoptProvisional(look);
    sheet.show({ ...look, style: 'tint' });
    sheet.offer(null);
    expect(ruleOf(ourSheets()[0], names.highlight('person'))).toContain('background-color');
  });

  it('takes the look asked for before the page was parsed only if the settings have not come first', () => {
    const early = new HighlightSheet(page(), names);
    early.offer(look);
    expect(ruleOf(ourSheets()[0], names.highlight('person'))).toContain('underline');
    // The settings the session follows came first (tint): the older answer changes nothing.
    document.adoptedStyleSheets = [];
    const late = new HighlightSheet(page(), names);
    late.show({ ...look, style: 'tint' });
    late.offer(look);
    expect(ruleOf(ourSheets()[0], names.highlight('person'))).toContain('background-color');
    // Switched off first: the answer does not put the sheet back.
    document.adoptedStyleSheets = [];
    const off = new HighlightSheet(page(), names);
    off.remove();
    off.offer(look);
    expect(ourSheets()).toEqual([]);
  });

  it('leaves the page’s sheets alone when it is taken off', () => {
    const pages = new StandInSheet();
    document.adoptedStyleSheets = [pages];
    const sheet = new HighlightSheet(page(), names);
    sheet.show(look);
    sheet.remove();
    expect(document.adoptedStyleSheets).toEqual([pages]);
    // Off, it is not put back by the painter's check.
    sheet.ensureAdopted();
    expect(document.adoptedStyleSheets).toEqual([pages]);
  });
});
