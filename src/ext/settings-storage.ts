import { storage } from '#imports';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../core/settings-schema.ts';

/**
 * The settings item in sync storage (small enough for its quotas), versioned for migrations.
 * Reads always go through `parseSettings`, so a corrupt stored value can never crash a page.
 */
export const settingsItem = storage.defineItem<unknown>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The current settings, always valid. */
export async function loadSettings(): Promise<Settings> {
  try {
    return parseSettings(await settingsItem.getValue());
  } catch {
    return parseSettings(undefined);
  }
}

/** Applies a change to the stored settings. */
export async function updateSettings(change: (settings: Settings) => Settings | void): Promise<Settings> {
  const current = await loadSettings();
  const next = change(current) ?? current;
  await settingsItem.setValue(next);
  return next;
}

/** Calls `listener` with valid settings whenever they change, until `signal` aborts. */
export function watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const unwatch = settingsItem.watch((value) => listener(parseSettings(value)));
  signal.addEventListener('abort', unwatch, { once: true });
}
