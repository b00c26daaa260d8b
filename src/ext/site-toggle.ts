import { isSiteEnabled, siteAccess, withSite } from '../core/settings-schema.ts';
import { loadSettings, updateSettings } from './settings-storage.ts';

/**
 * Switches highlighting for the site of `url` and returns the new state, or `undefined` where the
 * extension cannot run. Content scripts watch the settings and apply the change at once, without a reload.
 */
export async function toggleSite(url: string | undefined, enabled?: boolean): Promise<boolean | undefined> {
  const access = siteAccess(url);
  if (access.kind !== 'site') return undefined;
  const current = isSiteEnabled(await loadSettings(), access.hostname);
  const next = enabled ?? !current;
  await updateSettings((settings) => withSite(settings, access.hostname, next));
  return next;
}
