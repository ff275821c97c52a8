import { fixedDateHolidays } from './fixed-holidays';
import { indonesianHolidays, withPublishedYears, type HolidayEntry } from './holiday-data';
import { holidayYearStatus } from './holiday-year-status';
import { evaluateSla } from './sla-clock';
import { fromWib, parseWibDay } from './wib-time';
import { defaultCalendar, WorkingCalendar } from './working-calendar';

/** A made-up 2027 list for tests (not the real SKB): the fixed dates plus a cuti bersama on Mon 4 Jan. */
const list2027: HolidayEntry[] = [...fixedDateHolidays(2027), { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (uji)' }];

describe('years without a published holiday list: fixed-date holidays, provisional', () => {
  it('knows the five fixed-date national holidays of any year', () => {
    expect(fixedDateHolidays(2031).map((h) => h.date)).toEqual(['2031-01-01', '2031-05-01', '2031-06-01', '2031-08-17', '2031-12-25']);
    expect(defaultCalendar.isWorkingDay('2027-01-01')).toBe(false); // Friday, Tahun Baru
    expect(defaultCalendar.isWorkingDay('2030-08-16')).toBe(true); // Friday before 17 August
    expect(defaultCalendar.isWorkingDay('2030-08-17')).toBe(false); // Saturday anyway
    expect(defaultCalendar.isWorkingDay('2029-06-01')).toBe(false); // Friday, Pancasila
    expect(defaultCalendar.holidayOn(parseWibDay('2027-12-25'))?.name).toBe('Hari Raya Natal');
    expect(defaultCalendar.isProvisional(parseWibDay('2027-03-01'))).toBe(true);
    expect(defaultCalendar.isProvisional(parseWibDay('2026-03-02'))).toBe(false);
  });

  it('gives a file completed on 29 Dec 2026 a provisional due time instead of none', () => {
    // Tue 29 Dec: counts Wed 30, Thu 31 Dec; 1 Jan 2027 is Tahun Baru, then the weekend, then Mon 4 Jan.
    const sla = evaluateSla({ completedAt: fromWib(2026, 12, 29, 10) }, fromWib(2026, 12, 29, 11));
    expect(sla.dueAt).toEqual(fromWib(2027, 1, 5));
    expect(sla.provisional).toBe(true);
  });

  it('is final when every day up to the due time is in a published year', () => {
    expect(evaluateSla({ completedAt: fromWib(2026, 12, 22, 10) }, fromWib(2026, 12, 22, 11)).provisional).toBe(false);
    expect(evaluateSla({ completedAt: fromWib(2025, 1, 6, 10) }, fromWib(2025, 1, 6, 11)).provisional).toBe(false);
  });

  it('takes a published year as final and counts its cuti bersama', () => {
    const calendar = new WorkingCalendar(withPublishedYears(indonesianHolidays, new Map([[2027, list2027]])), {
      beyondData: 'fixed-dates',
    });
    const sla = evaluateSla({ completedAt: fromWib(2026, 12, 29, 10) }, fromWib(2026, 12, 29, 11), calendar);
    expect(sla.dueAt).toEqual(fromWib(2027, 1, 6)); // 4 Jan is off: Wed 30, Thu 31 Dec, Tue 5 Jan
    expect(sla.provisional).toBe(false);
    expect(calendar.coveredYears).toEqual([2025, 2026, 2027]);
  });

  it('lets a published list replace the shipped one for its year', () => {
    const corrected = withPublishedYears(indonesianHolidays, new Map([[2026, [{ date: '2026-01-01', kind: 'libur-nasional' }]]]));
    const calendar = new WorkingCalendar(corrected);
    expect(calendar.isWorkingDay('2026-01-16')).toBe(true); // was a holiday in the shipped file
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // other years untouched
  });
});

describe('holiday year status (the admin warning)', () => {
  const covered = (years: number[]) => (y: number) => years.includes(y);

  it('is quiet until 30 September WIB, then warns that next year is missing', () => {
    expect(holidayYearStatus(fromWib(2026, 9, 30, 23, 59), covered([2025, 2026]))).toEqual({ year: 2026, published: true, warning: null });
    const october = holidayYearStatus(fromWib(2026, 10, 1, 0, 0), covered([2025, 2026]));
    expect(october).toMatchObject({ year: 2027, published: false });
    expect(october.warning).toMatch(/tahun 2027 belum diterbitkan/);
  });

  it('uses the WIB date: 30 Sep 17:00 UTC is already 1 October in Jakarta', () => {
    expect(holidayYearStatus(new Date('2026-09-30T17:00:00Z'), covered([2026])).warning).not.toBeNull();
    expect(holidayYearStatus(new Date('2026-09-30T16:59:59Z'), covered([2026])).warning).toBeNull();
  });

  it('stops warning once next year is published, and warns when even this year is missing', () => {
    expect(holidayYearStatus(fromWib(2026, 11, 2), covered([2026, 2027]))).toEqual({ year: 2027, published: true, warning: null });
    expect(holidayYearStatus(fromWib(2028, 2, 1), covered([2026, 2027])).warning).toMatch(/tahun 2028/);
  });
});
