import { storage } from '#imports';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
} from '../core/settings-schema.ts';

/**
 * The settings item in sync storage (a few hundred bytes, well inside sync's 8 KB per item), versioned,
 * with the migrations from src/core/settings-schema.ts. Reads always go through `parseSettings`, so a
 * corrupt or unknown stored value becomes defaults and can never crash a page.
 */
export const settingsItem = storage.defineItem<unknown>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS as Record<number, (stored: unknown) => unknown>,
});

/** The current settings, always valid. */
export async function loadSettings(): Promise<Settings> {
  try {
    return parseSettings(await settingsItem.getValue());
  } catch {
    return parseSettings(undefined);
  }
}

/** Applies a change to the stored settings and returns what was stored. */
// biome-ignore lint/suspicious/noConfusingVoidType: a change may edit in place and return nothing
export async function updateSettings(change: (settings: Settings) => Settings | void): Promise<Settings> {
  const current = await loadSettings();
  const next = parseSettings(change(current) ?? current);
  await settingsItem.setValue(next);
  return next;
}

/** Back to the defaults (the stored value is removed, so the fallback applies). */
export async function resetSettings(): Promise<Settings> {
  await settingsItem.removeValue();
  return loadSettings();
}

/** Calls `listener` with valid settings whenever they change, until `signal` aborts. */
export function watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const unwatch = settingsItem.watch((value) => listener(parseSettings(value)));
  signal.addEventListener('abort', unwatch, { once: true });
}
