import type { Source } from '../core/dataset-schema.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An ISO date or range at the precision it is written in: "2025", "Feb 2025", "6 Aug 2025"; ranges share what
 * both ends share: "6–7 Aug 2025", "30 Jul – 2 Aug 2025", "Feb–Aug 2025", "Nov 2024 – Feb 2025", "2024–2025".
 * The en dash is spaced when an end has spaces in it.
 */
export function formatDateRange(earliest: string, latest = earliest): string {
  if (latest === earliest) return formatDate(earliest);
  const [y1 = '', m1, d1] = earliest.split('-');
  const [y2 = '', m2, d2] = latest.split('-');
  const day = (d?: string) => (d ? String(Number(d)) : undefined);
  const month = (m?: string) => (m ? MONTHS[Number(m) - 1] : undefined);
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');
  const range = (from: string, to: string) =>
    from.includes(' ') || to.includes(' ') ? `${from} – ${to}` : `${from}–${to}`;
  if (d1 && d2 && y1 === y2 && m1 === m2) return join(range(String(Number(d1)), String(Number(d2))), month(m1), y1);
  if (m1 && m2 && y1 === y2) return join(range(join(day(d1), month(m1)), join(day(d2), month(m2))), y1);
  return range(formatDate(earliest), formatDate(latest));
}

/** "2025", "Feb 2025" or "6 Aug 2025" from an ISO date of that precision. */
function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return [day && String(Number(day)), month && MONTHS[Number(month) - 1], year].filter(Boolean).join(' ');
}

/** The words a citation line needs, translated by the caller; English by default. */
export interface SourceLabels {
  outletUnknown: string;
  dateInferred: string;
}

const ENGLISH_LABELS: SourceLabels = Object.freeze({
  outletUnknown: 'Outlet unknown',
  dateInferred: '(date inferred)',
});

/** The citation line for a source: outlet (or "Outlet unknown"), headline, date. */
export function formatSource(
  source: Source,
  labels: SourceLabels = ENGLISH_LABELS,
): { outlet: string; title: string; date: string } {
  const { earliest, latest, inferred } = source.published;
  return {
    outlet: source.outlet ?? labels.outletUnknown,
    title: source.title,
    date: `${formatDateRange(earliest, latest)}${inferred ? ` ${labels.dateInferred}` : ''}`,
  };
}
