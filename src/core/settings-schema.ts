/**
 * The reader's settings: their shape, defaults and the rule that turns anything stored into valid settings.
 * Pure, so the content script, the popup, the options page and the tests share one definition.
 */
import * as v from 'valibot';
import { ENTITY_KINDS, type EntityKind } from './entity-kinds.ts';
import { DEFAULT_MARK_LOOK } from './mark-style.ts';
import { MARKING_POLICIES, type MarkingPolicy } from './mention-policy.ts';
import { siteKey } from './site-rules.ts';

export { isSiteEnabled, siteKey } from './site-rules.ts';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Limits and defaults live here, not as literals in the code that uses them. */
export const SETTINGS_LIMITS = Object.freeze({
  hoverDelayMinMs: 100,
  hoverDelayMaxMs: 2000,
  packMaxAgeMinDays: 1,
  packMaxAgeMaxDays: 3650,
});

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabledByDefault: true,
  sites: Object.freeze({}) as Record<string, boolean>,
  kinds: Object.freeze({ person: true, organization: true, place: true, event: true, topic: true }),
  marking: 'first-per-screen',
  hoverDelayMs: 400,
  style: DEFAULT_MARK_LOOK.style,
  packMaxAgeDays: 90,
  colours: DEFAULT_MARK_LOOK.colours,
}) as Settings;

/** A whole number from `min` to `max`; anything else reads as `fallback`. */
function wholeNumber(min: number, max: number, fallback: number) {
  return v.fallback(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
}

/** Each field falls back to its default on its own, so one bad value never costs the others. */
export const SettingsSchema = v.object({
  enabledByDefault: v.fallback(v.boolean(), DEFAULT_SETTINGS.enabledByDefault),
  sites: v.fallback(v.record(v.pipe(v.string(), v.minLength(1)), v.boolean()), () => ({})),
  kinds: v.fallback(
    v.object(
      Object.fromEntries(ENTITY_KINDS.map((k) => [k, v.fallback(v.boolean(), true)])) as Record<
        EntityKind,
        v.SchemaWithFallback<v.BooleanSchema<undefined>, boolean>
      >,
    ),
    () => ({ ...DEFAULT_SETTINGS.kinds }),
  ),
  marking: v.fallback(v.picklist(MARKING_POLICIES), DEFAULT_SETTINGS.marking),
  hoverDelayMs: wholeNumber(
    SETTINGS_LIMITS.hoverDelayMinMs,
    SETTINGS_LIMITS.hoverDelayMaxMs,
    DEFAULT_SETTINGS.hoverDelayMs,
  ),
  style: v.fallback(v.picklist(['underline', 'tint']), DEFAULT_SETTINGS.style),
  packMaxAgeDays: wholeNumber(
    SETTINGS_LIMITS.packMaxAgeMinDays,
    SETTINGS_LIMITS.packMaxAgeMaxDays,
    DEFAULT_SETTINGS.packMaxAgeDays,
  ),
  colours: v.fallback(
    v.object(
      Object.fromEntries(
        ENTITY_KINDS.map((k) => [k, v.fallback(v.pipe(v.string(), v.regex(HEX_COLOUR)), DEFAULT_SETTINGS.colours[k])]),
      ) as Record<
        EntityKind,
        v.SchemaWithFallback<v.SchemaWithPipe<[v.StringSchema<undefined>, v.RegexAction<string, undefined>]>, string>
      >,
    ),
    () => ({ ...DEFAULT_SETTINGS.colours }),
  ),
});

export interface Settings {
  enabledByDefault: boolean;
  /** Hostname (without a leading `www.`) -> highlighting on or off for that site, overriding the default. */
  sites: Record<string, boolean>;
  kinds: Record<EntityKind, boolean>;
  /** Which mentions are drawn (src/core/mention-policy.ts); every mention stays hoverable and counted. */
  marking: MarkingPolicy;
  hoverDelayMs: number;
  style: 'underline' | 'tint';
  /** A pack whose as-of date is older than this many days is labelled as such on its cards and in the options. */
  packMaxAgeDays: number;
  colours: Record<EntityKind, string>;
}

/** Turns anything read from storage into valid settings; corrupt or unknown values become defaults. */
export function parseSettings(stored: unknown): Settings {
  const input = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
  const result = v.safeParse(SettingsSchema, input);
  if (!result.success) return structuredClone(DEFAULT_SETTINGS as Settings);
  return result.output as Settings;
}

/** The same settings with highlighting on or off for one site. */
export function withSite(settings: Settings, hostname: string, enabled: boolean): Settings {
  return { ...settings, sites: { ...settings.sites, [siteKey(hostname)]: enabled } };
}

/** The same settings without a site's own setting, so the default applies there again. */
export function withoutSite(settings: Settings, hostname: string): Settings {
  const sites = { ...settings.sites };
  delete sites[siteKey(hostname)];
  return { ...settings, sites };
}

/** The version of the stored settings shape; each step up has a migration below. */
export const SETTINGS_VERSION = 3;

/**
 * Stored-settings migrations, by the version they produce. They accept anything (a corrupt value passes
 * through untouched, and `parseSettings` turns it into defaults later), so a migration never throws.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, (stored: unknown) => unknown>> = Object.freeze({
  /** v2: site keys are normalised (v1 could store "WWW.Example.com" and "example.com" as two sites). */
  2: (stored: unknown) => {
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return stored;
    const sites = (stored as { sites?: unknown }).sites;
    if (typeof sites !== 'object' || sites === null || Array.isArray(sites)) return stored;
    const normalised: Record<string, unknown> = {};
    for (const [host, enabled] of Object.entries(sites)) {
      const key = siteKey(host.trim());
      if (key && !(key in normalised && host !== key)) normalised[key] = enabled;
    }
    return { ...stored, sites: normalised };
  },
  /**
   * v3: `mentions` ("all" or "first") became `marking`, a policy. "first" was a reader's choice and is kept;
   * "all" was the default, so the new default applies.
   */
  3: (stored: unknown) => {
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return stored;
    const { mentions, ...rest } = stored as { mentions?: unknown };
    return mentions === 'first' ? { ...rest, marking: 'first' } : rest;
  },
});

/** Where the extension may run on a page, from the tab's URL. */
export type SiteAccess =
  | { kind: 'site'; hostname: string; site: string }
  | { kind: 'restricted'; reason: 'browser-page' | 'store' | 'file' | 'unknown' };

/** Store pages where browsers forbid extensions to run, by hostname and path prefix. */
const EXTENSION_STORES: readonly (readonly [string, string])[] = Object.freeze([
  ['chromewebstore.google.com', '/'],
  ['chrome.google.com', '/webstore'],
  ['addons.mozilla.org', '/'],
  ['microsoftedge.microsoft.com', '/addons'],
]);

/** Whether the content script can run at `url`, and the site key when it can. */
export function siteAccess(url: string | undefined): SiteAccess {
  if (!url) return { kind: 'restricted', reason: 'unknown' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'restricted', reason: 'unknown' };
  }
  if (parsed.protocol === 'file:') return { kind: 'restricted', reason: 'file' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { kind: 'restricted', reason: 'browser-page' };
  const hostname = parsed.hostname.toLowerCase();
  if (EXTENSION_STORES.some(([host, path]) => hostname === host && parsed.pathname.startsWith(path))) {
    return { kind: 'restricted', reason: 'store' };
  }
  return { kind: 'site', hostname, site: siteKey(hostname) };
}
