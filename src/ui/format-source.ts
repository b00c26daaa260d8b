import type { Source } from '../core/dataset-schema.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6 Aug 2025", "6–7 Aug 2025" or "Aug 2025" from ISO dates. */
export function formatDateRange(earliest: string, latest = earliest): string {
  const [y1, m1, d1] = earliest.split('-');
  const [y2, m2, d2] = latest.split('-');
  const month = (m?: string) => (m ? MONTHS[Number(m) - 1] : undefined);
  if (!d1) return [month(m1), y1].filter(Boolean).join(' ');
  const day1 = String(Number(d1));
  if (earliest === latest) return `${day1} ${month(m1)} ${y1}`;
  if (y1 === y2 && m1 === m2) return `${day1}–${Number(d2)} ${month(m1)} ${y1}`;
  return `${day1} ${month(m1)} ${y1} – ${Number(d2)} ${month(m2)} ${y2}`;
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
