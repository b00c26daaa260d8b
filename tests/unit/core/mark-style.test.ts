import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../../src/core/dataset-schema.ts';
import { markDeclarations, markRules } from '../../../src/core/mark-style.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings-schema.ts';

const look = { style: 'underline' as const, colours: DEFAULT_SETTINGS.colours, dark: false };

describe('the mark style', () => {
  it('draws a dotted underline in the kind’s colour, lightened on dark pages', () => {
    expect(markDeclarations('person', look)).toBe(
      'text-decoration: underline dotted 2px #2563eb; text-underline-offset: 3px;',
    );
    expect(markDeclarations('person', { ...look, dark: true })).toContain('color-mix(in srgb, #2563eb 55%, white)');
  });

  it('tints with a colour-mix over the background, stronger on dark pages', () => {
    expect(markDeclarations('place', { ...look, style: 'tint' })).toBe(
      'background-color: color-mix(in srgb, #059669 18%, transparent);',
    );
    expect(markDeclarations('place', { ...look, style: 'tint', dark: true })).toMatch(/30%, transparent\);$/);
  });

  it('writes one rule per kind for whatever selector the caller styles', () => {
    const css = markRules(look, (kind) => `::highlight(news-context-${kind})`);
    expect(css.split('\n')).toHaveLength(ENTITY_KINDS.length);
    expect(css).toContain('::highlight(news-context-event) { text-decoration: underline dotted 2px #d97706;');
  });
});
