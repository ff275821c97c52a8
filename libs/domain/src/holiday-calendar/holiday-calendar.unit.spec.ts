import { givenWhenThen } from '../testing/given-when-then';
import { holidayCalendarDecider, type HolidayCalendarCommand } from './holiday-calendar.decider';
import type { HolidayCalendarEvent, HolidayDay } from './holiday-calendar.events';
import { foldHolidayCalendar, holidayCalendarStreamId, holidayYearOfStream } from './holiday-calendar-stream';

const NOW = new Date('2026-10-02T03:00:00.000Z');
const at = NOW.toISOString();
const given = givenWhenThen(holidayCalendarDecider, () => ({ now: NOW }));

const admin = { userId: 'admin-1', role: 'admin' };
const by = { userId: 'admin-1', role: 'admin' as const };
const decree = { number: 'SKB 3 Menteri No. 1/2026 (uji)', date: '2026-09-15' };
const days: HolidayDay[] = [
  { date: '2027-12-25', kind: 'libur-nasional', name: 'Hari Raya Natal' },
  { date: '2027-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' },
  { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (uji)' },
];
const sorted = [days[1], days[2], days[0]];

const publish = (over: Partial<HolidayCalendarCommand['data']> = {}, actor = admin): HolidayCalendarCommand => ({
  type: 'PublishHolidayYear',
  actor,
  data: { year: 2027, decree, days, ...over },
});
const correct = (over: Partial<HolidayCalendarCommand['data']> & { reason?: string } = {}): HolidayCalendarCommand => ({
  type: 'CorrectHolidayYear',
  actor: admin,
  data: { year: 2027, decree, days, reason: 'Idul Adha bergeser', ...over },
});
const published: HolidayCalendarEvent = {
  type: 'HolidayYearPublished',
  schemaVersion: 1,
  data: { year: 2027, decree, days: sorted, by, at },
};

describe('holiday calendar: publishing a year', () => {
  it('publishes the list sorted by date, with the decree and the admin', () => {
    given([]).when(publish()).then([published]);
  });

  it('is for admins only', () => {
    given([])
      .when(publish({}, { userId: 'op', role: 'operator-kecamatan' }))
      .thenThrows({ kind: 'forbidden', code: 'HOLIDAY_CALENDAR_ADMIN_ONLY' });
    given([])
      .when(publish({}, { userId: 'x', role: 'system' }))
      .thenThrows({ kind: 'forbidden' });
  });

  it('refuses a second publication of the same year: that is a correction', () => {
    given([published])
      .when(publish())
      .thenThrows({ kind: 'conflict', code: 'HOLIDAY_CALENDAR_ALREADY_PUBLISHED', message: /koreksi/ });
  });

  it('names every bad field at once: date outside the year, duplicate date, unknown kind, unsafe name', () => {
    const bad: HolidayDay[] = [
      { date: '2026-12-31', kind: 'libur-nasional', name: 'Malam tahun baru' },
      { date: '2027-02-30', kind: 'libur-nasional', name: 'Tanggal mustahil' },
      { date: '2027-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' },
      { date: '2027-01-01', kind: 'cuti-bersama', name: 'Ganda' },
      { date: '2027-03-01', kind: 'libur-tambahan' as HolidayDay['kind'], name: 'Jenis tak dikenal' },
      { date: '2027-03-02', kind: 'cuti-bersama', name: 'Nama\u202Eterbalik' },
    ];
    const e = given([])
      .when(publish({ days: bad }))
      .thenThrows({
        kind: 'invalid',
        code: 'VALIDATION_FAILED',
        fields: ['days[0].date', 'days[1].date', 'days[3].date', 'days[4].kind', 'days[5].name'],
      });
    expect(e.issues.find((i) => i.field === 'days[0].date')?.message).toBe('Tanggal harus di dalam tahun 2027');
    expect(e.issues.find((i) => i.field === 'days[3].date')?.message).toBe('Tanggal ini sudah ada di daftar');
    expect(e.issues.some((i) => i.field === 'days[2].date')).toBe(false);
  });

  it('refuses an empty list, a bad year and a missing decree', () => {
    given([])
      .when(publish({ days: [] }))
      .thenThrows({ kind: 'invalid', fields: ['days'] });
    given([])
      .when(publish({ year: 1999 }))
      .thenThrows({ kind: 'invalid', fields: ['year'] });
    given([])
      .when(publish({ decree: { number: '', date: '2026-13-01' } }))
      .thenThrows({ kind: 'invalid', fields: ['decree.number', 'decree.date'] });
  });
});

describe('holiday calendar: correcting a published year', () => {
  const moved: HolidayDay[] = [...days.slice(0, 2), { date: '2027-01-05', kind: 'cuti-bersama', name: 'Cuti bersama (uji)' }];

  it('replaces the whole list and keeps the first one in the stream', () => {
    const events = given([published])
      .when(correct({ days: moved }))
      .events();
    expect(events).toEqual([
      {
        type: 'HolidayYearCorrected',
        schemaVersion: 1,
        data: { year: 2027, decree, days: [moved[1], moved[2], moved[0]], reason: 'Idul Adha bergeser', by, at },
      },
    ]);
    const state = foldHolidayCalendar([published, ...events]);
    expect(state).toMatchObject({ published: true, corrections: 1, days: [moved[1], moved[2], moved[0]] });
  });

  it('cannot correct a year that was never published', () => {
    given([]).when(correct()).thenThrows({ kind: 'conflict', code: 'HOLIDAY_CALENDAR_NOT_PUBLISHED' });
  });

  it('needs a reason', () => {
    given([published])
      .when(correct({ reason: ' ' }))
      .thenThrows({ kind: 'invalid', fields: ['reason'] });
  });

  it('appends nothing when the list and decree are unchanged, whatever order the stored keys came back in', () => {
    given([published]).when(correct()).then([]);
    const stored: HolidayCalendarEvent = {
      ...published,
      data: {
        ...published.data,
        decree: { date: decree.date, number: decree.number },
        days: sorted.map(({ name, kind, date }) => ({ name, kind, date })),
      },
    };
    given([stored]).when(correct()).then([]);
  });
});

describe('holiday calendar streams', () => {
  it('one stream per year; the year reads back from the stream id', () => {
    expect(holidayCalendarStreamId(2027)).toBe('holiday-calendar-2027');
    expect(holidayYearOfStream('holiday-calendar-2027')).toBe(2027);
    expect(holidayYearOfStream('application-2027')).toBeUndefined();
  });
});
