import { CalendarOutOfRangeError } from './calendar-errors';
import { fromWib, parseWibDay } from './wib-time';
import { addWorkingDays, defaultCalendar, isWorkingDay, WorkingCalendar } from './working-calendar';

describe('working days (Asia/Jakarta)', () => {
  it('counts Monday to Friday as working days', () => {
    expect(isWorkingDay('2025-01-06')).toBe(true); // Monday
    expect(isWorkingDay('2025-01-10')).toBe(true); // Friday
    expect(isWorkingDay('2025-01-11')).toBe(false); // Saturday
    expect(isWorkingDay('2025-01-12')).toBe(false); // Sunday
  });

  it('excludes libur nasional and cuti bersama', () => {
    expect(isWorkingDay('2025-01-01')).toBe(false); // Tahun Baru, Wednesday
    expect(isWorkingDay('2025-01-28')).toBe(false); // cuti bersama, Tuesday
    expect(isWorkingDay('2025-08-18')).toBe(false); // added later by decree
    expect(defaultCalendar.holidayOn(parseWibDay('2025-01-28'))?.kind).toBe('cuti-bersama');
  });

  it('decides the day in WIB, not UTC', () => {
    expect(isWorkingDay(new Date('2025-01-05T16:59:59Z'))).toBe(false); // Sunday 23:59 WIB
    expect(isWorkingDay(new Date('2025-01-05T17:00:00Z'))).toBe(true); // Monday 00:00 WIB
    expect(isWorkingDay(new Date('2025-01-10T17:00:00Z'))).toBe(false); // Saturday 00:00 WIB
  });

  it('throws a clear error for a year without holiday data when built strict', () => {
    const strict = new WorkingCalendar();
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(CalendarOutOfRangeError);
    expect(() => strict.isWorkingDay('2024-12-31')).toThrow(/No holiday data for 2024 \(covered: 2025, 2026\)/);
  });

  it('adds working days keeping the WIB time of day and skipping holidays', () => {
    // Friday 24 Jan 2025 10:00; 27 (Isra Mikraj), 28 (cuti bersama), 29 (Imlek) are off.
    expect(addWorkingDays(fromWib(2025, 1, 24, 10), 1)).toEqual(fromWib(2025, 1, 30, 10));
    expect(addWorkingDays(fromWib(2025, 1, 6, 10), 3)).toEqual(fromWib(2025, 1, 9, 10));
    expect(addWorkingDays(fromWib(2025, 1, 10, 16), 1)).toEqual(fromWib(2025, 1, 13, 16));
  });

  it('with n = 0 keeps a working day and moves a day off to the next working day', () => {
    expect(addWorkingDays(fromWib(2025, 1, 6, 9), 0)).toEqual(fromWib(2025, 1, 6, 9));
    expect(addWorkingDays(fromWib(2025, 1, 11, 9), 0)).toEqual(fromWib(2025, 1, 13, 9));
  });

  it('crosses the end of the data only by throwing when built strict', () => {
    const strict = new WorkingCalendar();
    expect(strict.addWorkingDays(fromWib(2026, 12, 23, 8), 1)).toEqual(fromWib(2026, 12, 28, 8));
    expect(() => strict.addWorkingDays(fromWib(2026, 12, 31, 8), 1)).toThrow(CalendarOutOfRangeError);
  });

  it('refuses a negative or fractional n', () => {
    expect(() => addWorkingDays(fromWib(2025, 1, 6), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(fromWib(2025, 1, 6), 1.5)).toThrow(RangeError);
  });

  it('measures working-day time between two instants', () => {
    // Friday 18:00 to Monday 06:00: 6 h of Friday + 6 h of Monday.
    expect(defaultCalendar.workingTimeBetween(fromWib(2025, 1, 10, 18), fromWib(2025, 1, 13, 6))).toBe(12 * 3600_000);
  });

  it('can be built from other holiday data, with explicit covered years', () => {
    const cal = new WorkingCalendar({ days: [], coveredYears: [2030] });
    expect(cal.isWorkingDay('2030-01-01')).toBe(true);
    expect(() => cal.isWorkingDay('2025-01-06')).toThrow(CalendarOutOfRangeError);
  });
});
