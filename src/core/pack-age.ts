/** How old a pack's facts are, from its as-of date: one rule for the options page, the cards and the popup. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from a pack's as-of date (YYYY-MM-DD, read as UTC) to `now`; 0 when the date is in the future. */
export function packAgeDays(asOf: string, now: Date): number {
  const [year = 0, month = 1, day = 1] = asOf.split('-').map(Number);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.max(0, Math.floor((today - Date.UTC(year, month - 1, day)) / DAY_MS));
}

/** Whether a pack is older than the reader's limit (`packMaxAgeDays` in the settings). */
export function isPackStale(asOf: string, now: Date, maxAgeDays: number): boolean {
  return packAgeDays(asOf, now) > maxAgeDays;
}

/** What a card or the popup says about the pack a fact comes from. */
export interface PackLabel {
  id: string;
  title: string;
  asOf: string;
  /** Older than the reader's limit. */
  stale: boolean;
}

/** The labels of some packs, as of `now`, under the reader's limit. */
export function packLabels(
  packs: readonly { id: string; title: string; asOf: string }[],
  now: Date,
  maxAgeDays: number,
): PackLabel[] {
  return packs.map(({ id, title, asOf }) => ({ id, title, asOf, stale: isPackStale(asOf, now, maxAgeDays) }));
}
