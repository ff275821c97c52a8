import { formatWibDate, formatWibDateTime, formatWibDateTimeIso, formatWibLongDate, formatWibTime } from './wib-long-date';

describe('WIB long dates in Bahasa Indonesia', () => {
  it('writes the correction deadline as a concrete day, date and time', () => {
    // 12:00 WIB is 05:00 UTC.
    expect(formatWibDateTime(new Date('2026-03-03T05:00:00Z'))).toBe('Selasa, 3 Maret 2026 pukul 12.00 WIB');
  });

  it('uses the WIB date, not the UTC one, around midnight', () => {
    // 17:30 UTC on 31 December is 00:30 WIB on 1 January.
    expect(formatWibDateTime(new Date('2025-12-31T17:30:00Z'))).toBe('Kamis, 1 Januari 2026 pukul 00.30 WIB');
    expect(formatWibDate(new Date('2025-12-31T16:59:59Z'))).toBe('31 Desember 2025');
  });

  it('names every day and month in Indonesian', () => {
    // 2026-01-04 is a Sunday; one day per week, one month per year.
    const days = Array.from({ length: 7 }, (_, i) => formatWibLongDate(new Date(Date.UTC(2026, 0, 4 + i, 3))).split(',')[0]);
    expect(days).toEqual(['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']);
    const months = Array.from({ length: 12 }, (_, i) => formatWibDate(new Date(Date.UTC(2026, i, 15, 3))).split(' ')[1]);
    expect(months).toEqual([
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ]);
  });

  it('pads the time with a dot separator', () => {
    expect(formatWibTime(new Date('2026-08-17T01:05:00Z'))).toBe('08.05 WIB');
  });

  it('does not depend on the host time zone or locale', () => {
    const saved = { tz: process.env.TZ, lang: process.env.LANG };
    try {
      process.env.TZ = 'America/Los_Angeles';
      process.env.LANG = 'en_US.UTF-8';
      const a = formatWibDateTime(new Date('2026-03-03T05:00:00Z'));
      process.env.TZ = 'Asia/Tokyo';
      expect(formatWibDateTime(new Date('2026-03-03T05:00:00Z'))).toBe(a);
    } finally {
      process.env.TZ = saved.tz;
      process.env.LANG = saved.lang;
    }
  });

  it('refuses a string that is not an instant', () => {
    expect(() => formatWibDateTimeIso('besok siang')).toThrow(RangeError);
    expect(formatWibDateTimeIso('2026-03-03T05:00:00.000Z')).toBe('Selasa, 3 Maret 2026 pukul 12.00 WIB');
  });
});
