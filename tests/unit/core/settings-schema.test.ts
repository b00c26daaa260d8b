import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isSiteEnabled,
  parseSettings,
  SETTINGS_MIGRATIONS,
  siteAccess,
  siteKey,
  withoutSite,
  withSite,
} from '../../../src/core/settings-schema.ts';

describe('parseSettings', () => {
  it('turns anything that is not an object into the defaults', () => {
    for (const stored of [undefined, null, 42, 'x', [], true]) expect(parseSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps good fields and replaces each bad one with its default', () => {
    const parsed = parseSettings({
      enabledByDefault: false,
      hoverDelayMs: 5,
      style: 'sparkles',
      kinds: { person: false, place: 'yes' },
      colours: { person: '#ABCDEF', event: 'red' },
      sites: { 'bbc.co.uk': false, '': true },
      unknownField: 1,
    });
    expect(parsed.enabledByDefault).toBe(false);
    expect(parsed.hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(parsed.style).toBe(DEFAULT_SETTINGS.style);
    expect(parsed.kinds.person).toBe(false);
    expect(parsed.kinds.place).toBe(true);
    expect(parsed.colours.person).toBe('#ABCDEF');
    expect(parsed.colours.event).toBe(DEFAULT_SETTINGS.colours.event);
    expect(parsed).not.toHaveProperty('unknownField');
  });
});

describe('sites', () => {
  it('keys sites by hostname without www. and lets a site override the default', () => {
    expect(siteKey('WWW.BBC.co.uk')).toBe('bbc.co.uk');
    const off = withSite(DEFAULT_SETTINGS, 'www.bbc.co.uk', false);
    expect(isSiteEnabled(off, 'bbc.co.uk')).toBe(false);
    expect(isSiteEnabled(off, 'example.com')).toBe(true);
    expect(isSiteEnabled(withoutSite(off, 'bbc.co.uk'), 'www.bbc.co.uk')).toBe(true);
  });

  it('says where the extension cannot run', () => {
    expect(siteAccess('https://www.bbc.co.uk/news')).toEqual({
      kind: 'site',
      hostname: 'www.bbc.co.uk',
      site: 'bbc.co.uk',
    });
    expect(siteAccess('chrome://extensions')).toEqual({ kind: 'restricted', reason: 'browser-page' });
    expect(siteAccess('about:debugging')).toEqual({ kind: 'restricted', reason: 'browser-page' });
    expect(siteAccess('https://chromewebstore.google.com/detail/x')).toEqual({ kind: 'restricted', reason: 'store' });
    expect(siteAccess('https://addons.mozilla.org/en-US/firefox/')).toEqual({ kind: 'restricted', reason: 'store' });
    expect(siteAccess('file:///home/me/page.html')).toEqual({ kind: 'restricted', reason: 'file' });
    expect(siteAccess(undefined)).toEqual({ kind: 'restricted', reason: 'unknown' });
    expect(siteAccess('not a url')).toEqual({ kind: 'restricted', reason: 'unknown' });
  });
});

describe('migrations', () => {
  const toV2 = SETTINGS_MIGRATIONS[2] as (stored: unknown) => unknown;

  it('v2 normalises site keys, preferring an already normalised key', () => {
    expect(toV2({ sites: { 'WWW.Example.com': false, 'news.org': true, 'www.news.org': false } })).toEqual({
      sites: { 'example.com': false, 'news.org': true },
    });
  });

  it('passes corrupt values through without throwing', () => {
    for (const stored of [null, 'x', 3, [], { sites: 'nope' }]) expect(toV2(stored)).toEqual(stored);
  });
});

describe('the marking policy', () => {
  it('keeps a known policy, falls back to the default for anything else, and derives the registry filter', () => {
    expect(parseSettings({ marking: 'first' })).toMatchObject({ marking: 'first' });
    expect(parseSettings({ marking: 'every' })).toMatchObject({ marking: 'every' });
    expect(parseSettings({ marking: 'sometimes', hoverDelayMs: 600 })).toMatchObject({
      marking: DEFAULT_SETTINGS.marking,
      hoverDelayMs: 600,
    });
    // A stale stored `mentions` never overrides the policy, and is not kept.
    expect(parseSettings({ marking: 'every', mentions: 'first' })).toMatchObject({ marking: 'every' });
    expect(parseSettings({ marking: 'every', mentions: 'first' })).not.toHaveProperty('mentions');
  });

  it('migrates v2 "first mention only" to the first policy, and the old default to the new default', () => {
    const migrate = SETTINGS_MIGRATIONS[3] as (stored: unknown) => unknown;
    expect(parseSettings(migrate({ mentions: 'first', style: 'tint' }))).toMatchObject({
      marking: 'first',
      style: 'tint',
    });
    expect(parseSettings(migrate({ mentions: 'all' })).marking).toBe(DEFAULT_SETTINGS.marking);
    expect(migrate('garbage')).toBe('garbage');
  });
});
