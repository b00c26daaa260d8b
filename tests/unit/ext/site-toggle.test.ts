import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

describe('toggleSite', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('switches the site of a URL off and on, by its key without www.', async () => {
    const { toggleSite } = await import('../../../src/ext/site-toggle.ts');
    const { loadSettings } = await import('../../../src/ext/settings-storage.ts');
    expect(await toggleSite('https://www.bbc.co.uk/news/1')).toBe(false);
    expect((await loadSettings()).sites).toEqual({ 'bbc.co.uk': false });
    expect(await toggleSite('https://bbc.co.uk/other')).toBe(true);
    expect(await toggleSite('https://bbc.co.uk/other', true)).toBe(true);
  });

  it('does nothing where the extension cannot run', async () => {
    const { toggleSite } = await import('../../../src/ext/site-toggle.ts');
    const { loadSettings } = await import('../../../src/ext/settings-storage.ts');
    expect(await toggleSite('chrome://settings')).toBeUndefined();
    expect(await toggleSite(undefined)).toBeUndefined();
    expect((await loadSettings()).sites).toEqual({});
  });
});
