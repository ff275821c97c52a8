import { formatWibDay, fromWib, parseWibDay, weekdayOf, wibDayOf, wibParts } from './wib-time';
import { indonesianHolidays } from './holiday-data';

describe('WIB time by fixed offset', () => {
  it('reads 17:00 UTC as midnight of the next WIB day', () => {
    const p = wibParts(new Date('2025-01-01T17:00:00Z'));
    expect(p).toMatchObject({ year: 2025, month: 1, day: 2, hour: 0, minute: 0, weekday: 4 });
  });

  it('builds the instant of a WIB wall-clock time', () => {
    expect(fromWib(2025, 1, 6, 10, 30).toISOString()).toBe('2025-01-06T03:30:00.000Z');
  });

  it('refuses impossible dates', () => {
    expect(() => fromWib(2025, 2, 29)).toThrow(RangeError);
    expect(() => parseWibDay('2025-13-01')).toThrow(RangeError);
  });

  it('does not depend on the host time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const a = wibParts(new Date('2025-06-30T20:00:00Z'));
      process.env.TZ = 'Asia/Tokyo';
      const b = wibParts(new Date('2025-06-30T20:00:00Z'));
      expect(a).toEqual(b);
      expect(a).toMatchObject({ month: 7, day: 1, hour: 3 });
    } finally {
      process.env.TZ = saved;
    }
  });

  it('round-trips day numbers and agrees with the weekday recorded in the holiday data', () => {
    const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    for (const h of indonesianHolidays.days) {
      const day = parseWibDay(h.date);
      expect(formatWibDay(day)).toBe(h.date);
      expect(names[weekdayOf(day)]).toBe(h.weekday);
    }
    expect(wibDayOf(fromWib(2025, 1, 6, 23, 59))).toBe(parseWibDay('2025-01-06'));
  });
});
