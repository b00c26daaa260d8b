import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/dataset-schema.ts';
import { formatDateInYear, formatDateRange, formatSource } from '../../../src/ui/format-source.ts';

describe('formatDateRange', () => {
  it('shows a single date at its own precision', () => {
    expect(formatDateRange('2025')).toBe('2025');
    expect(formatDateRange('2025-02')).toBe('Feb 2025');
    expect(formatDateRange('2025-08-06')).toBe('6 Aug 2025');
    expect(formatDateRange('2025-08-06', '2025-08-06')).toBe('6 Aug 2025');
    expect(formatDateRange('2025-08', '2025-08')).toBe('Aug 2025');
  });

  it('shows a range of days, sharing the month and year the ends share', () => {
    expect(formatDateRange('2025-08-06', '2025-08-07')).toBe('6–7 Aug 2025');
    expect(formatDateRange('2025-07-30', '2025-08-02')).toBe('30 Jul – 2 Aug 2025');
    expect(formatDateRange('2024-12-30', '2025-01-02')).toBe('30 Dec 2024 – 2 Jan 2025');
  });

  it('shows a range of months or years instead of dropping the end (the end used to be ignored)', () => {
    expect(formatDateRange('2025-02', '2025-08')).toBe('Feb–Aug 2025');
    expect(formatDateRange('2024-11', '2025-02')).toBe('Nov 2024 – Feb 2025');
    expect(formatDateRange('2024', '2025')).toBe('2024–2025');
  });

  it('shows ends of different precision each at its own', () => {
    expect(formatDateRange('2025-02', '2025-08-18')).toBe('Feb – 18 Aug 2025');
    expect(formatDateRange('2024', '2025-08')).toBe('2024 – Aug 2025');
    expect(formatDateRange('2024-02', '2025')).toBe('Feb 2024 – 2025');
  });
});

describe('formatSource', () => {
  const source: Source = {
    id: 'report',
    seed: 'seed.txt',
    title: 'Talks end',
    titleInText: true,
    outlet: null,
    published: { earliest: '2025-08-18', latest: '2025-08-19', inferred: true, basis: '"Monday".' },
  };

  it('shows the headline and the dates as precisely as known, never an unknown outlet', () => {
    expect(formatSource(source)).toEqual({
      label: 'Talks end',
      date: '18–19 Aug 2025',
      dateBasis: '"Monday".',
      title: 'Talks end',
    });
    const stated = {
      ...source,
      outlet: 'Wire',
      published: { earliest: '2025-08-06', latest: '2025-08-06', inferred: false },
    };
    expect(formatSource(stated)).toEqual({
      label: 'Talks end',
      outlet: 'Wire',
      date: '6 Aug 2025',
      title: 'Talks end',
    });
  });

  it('names a text without a headline by its outlet when known, else by its description', () => {
    expect(formatSource({ ...source, titleInText: false, outlet: 'Matzav.com' }).label).toBe('Matzav.com');
    expect(formatSource({ ...source, titleInText: false }).label).toBe('Talks end');
  });
});

describe('formatDateInYear', () => {
  it('drops the year a timeline group already shows, and keeps what reaches into another year', () => {
    expect(formatDateInYear('2025-08-06', '2025-08-07', '2025')).toBe('6–7 Aug');
    expect(formatDateInYear('2025-02', undefined, '2025')).toBe('Feb');
    expect(formatDateInYear('2025', undefined, '2025')).toBe('');
    expect(formatDateInYear('2024-12-30', '2025-01-02', '2024')).toBe('30 Dec 2024 – 2 Jan 2025');
    expect(formatDateInYear('2024', '2025', '2024')).toBe('2024–2025');
  });
});
