import type { Settings } from './settings-schema.ts';

/**
 * Which sites are highlighted: small and free of the settings' schema, so that pages can decide from the
 * settings the background sends them without carrying the schema library.
 */

/** The site key for a URL's hostname: lower case, without a leading `www.`. */
export function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/** Whether highlighting is on for a site under these settings. */
export function isSiteEnabled(settings: Settings, hostname: string): boolean {
  return settings.sites[siteKey(hostname)] ?? settings.enabledByDefault;
}
