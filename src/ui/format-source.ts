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

/** A source as a citation line shows it. */
export interface SourceLine {
  /** The headline; the outlet when the text carries no headline and names its outlet; else the description. */
  label: string;
  /** The outlet beside a headline, when known (never a guess, never "unknown"). */
  outlet?: string;
  /** The publication date at the precision known: "6 Aug 2025", "18–19 Aug 2025". */
  date: string;
  /** How the date was worked out, when the source does not state it. */
  dateBasis?: string;
  /** The full title, for a tooltip when the label is the outlet. */
  title: string;
}

/** What a citation line shows for a source: what it is called, and when it was published. */
export function formatSource(source: Source): SourceLine {
  const { earliest, latest, inferred, basis } = source.published;
  const byOutlet = !source.titleInText && source.outlet !== null;
  return {
    label: byOutlet ? (source.outlet as string) : source.title,
    ...(!byOutlet && source.outlet ? { outlet: source.outlet } : {}),
    date: formatDateRange(earliest, latest),
    ...(inferred && basis ? { dateBasis: basis } : {}),
    title: source.title,
  };
}

/**
 * An event's date inside its year, for a timeline grouped by year: "6–7 Aug", "Feb"; empty when the date
 * is the year itself (the event is only known to have happened in it). Dates that reach into another year
 * are shown whole.
 */
export function formatDateInYear(on: string, until: string | undefined, year: string): string {
  const full = formatDateRange(on, until);
  if (full === year) return '';
  const rest = full.endsWith(` ${year}`) ? full.slice(0, -year.length - 1) : full;
  return /\d{4}/.test(rest) ? full : rest;
}
