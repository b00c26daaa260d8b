/**
 * The handover between the script that runs before the page is parsed and the highlighting script: the names
 * the marks' sheet was written for are the names the highlights are registered under.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARK_LOOK } from '../../../src/core/mark-style.ts';
import { leavePageStyle, takePageStyle } from '../../../src/page/page-style.ts';

const doc = { adoptedStyleSheets: [] } as unknown as Document;

describe('the page’s style, left before the page is parsed', () => {
  it('is taken over whole by the highlighting script, once', () => {
    const left = leavePageStyle(doc, { ...DEFAULT_MARK_LOOK, inherited: true });
    const taken = takePageStyle(doc);
    expect(taken).toBe(left);
    expect(taken.names.highlight('person')).toBe(left.names.highlight('person'));
    // A second script taking it (none should) gets names of its own, never the same sheet twice.
    const again = takePageStyle(doc);
    expect(again.sheet).not.toBe(left.sheet);
    expect(again.names.highlight('person')).not.toBe(left.names.highlight('person'));
  });

  it('is made fresh where the first script did not run', () => {
    const taken = takePageStyle(doc);
    expect(taken.names.highlight('place')).toMatch(/^[a-z][a-z0-9]{5}-place$/);
  });
});
