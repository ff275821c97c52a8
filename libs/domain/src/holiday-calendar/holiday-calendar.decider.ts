import { assertNoIssues, conflict, forbidden } from '../shared/domain-error';
import type { Decider } from '../shared/decider';
import {
  evolveHolidayCalendar,
  initialHolidayCalendarState,
  type HolidayCalendarEvent,
  type HolidayCalendarState,
  type HolidayDay,
  type HolidayDecree,
} from './holiday-calendar.events';
import { decreeIssues, holidayListIssues, reasonIssues, yearIssues } from './holiday-list-validation';

/** Who asks. Only the platform admin administers the holiday calendar. */
export interface HolidayCalendarActor {
  userId: string;
  role: string;
}

interface HolidayListCommandData {
  year: number;
  decree: HolidayDecree;
  days: HolidayDay[];
}

export type PublishHolidayYear = { type: 'PublishHolidayYear'; actor: HolidayCalendarActor; data: HolidayListCommandData };
export type CorrectHolidayYear = {
  type: 'CorrectHolidayYear';
  actor: HolidayCalendarActor;
  data: HolidayListCommandData & { reason: string };
};
export type HolidayCalendarCommand = PublishHolidayYear | CorrectHolidayYear;
export type HolidayCalendarCommandType = HolidayCalendarCommand['type'];

export interface HolidayCalendarContext {
  now: Date;
}

const byDate = (a: HolidayDay, b: HolidayDay) => a.date.localeCompare(b.date);
/** The stored form of a day: its three fields only, the name trimmed. */
const clean = (d: HolidayDay): HolidayDay => ({ date: d.date, kind: d.kind, name: d.name.trim() });

/** Field by field: a stored list may come back with its keys in another order (jsonb). */
const sameList = (a: readonly HolidayDay[], b: readonly HolidayDay[]) =>
  a.length === b.length && a.every((d, i) => d.date === b[i].date && d.kind === b[i].kind && d.name === b[i].name);

/**
 * Publishing a year's list once, and correcting it (the whole list replaced, with a reason) after.
 * A correction that changes nothing appends nothing.
 */
export function decideHolidayCalendar(
  command: HolidayCalendarCommand,
  state: HolidayCalendarState,
  context: HolidayCalendarContext,
): HolidayCalendarEvent[] {
  if (command.actor?.role !== 'admin') {
    throw forbidden('HOLIDAY_CALENDAR_ADMIN_ONLY', 'Hanya admin yang dapat menerbitkan atau mengoreksi daftar hari libur');
  }
  const { year, decree, days } = command.data ?? ({} as HolidayListCommandData);
  const yearProblems = yearIssues(year);
  assertNoIssues([
    ...yearProblems,
    ...decreeIssues(decree),
    ...(yearProblems.length ? [] : holidayListIssues(year, days)),
    ...(command.type === 'CorrectHolidayYear' ? reasonIssues(command.data.reason) : []),
  ]);
  const list = days.map(clean).sort(byDate);
  const by = { userId: command.actor.userId, role: 'admin' as const };
  const at = context.now.toISOString();
  const theDecree = { number: decree.number.trim(), date: decree.date };
  if (command.type === 'PublishHolidayYear') {
    if (state.published) {
      throw conflict(
        'HOLIDAY_CALENDAR_ALREADY_PUBLISHED',
        `Daftar hari libur tahun ${year} sudah diterbitkan; gunakan koreksi untuk mengubahnya`,
      );
    }
    return [{ type: 'HolidayYearPublished', schemaVersion: 1, data: { year, decree: theDecree, days: list, by, at } }];
  }
  if (!state.published) {
    throw conflict(
      'HOLIDAY_CALENDAR_NOT_PUBLISHED',
      `Daftar hari libur tahun ${year} belum diterbitkan; terbitkan dulu sebelum mengoreksi`,
    );
  }
  if (sameList(list, state.days) && theDecree.number === state.decree?.number && theDecree.date === state.decree.date) return [];
  const reason = command.data.reason.trim();
  return [{ type: 'HolidayYearCorrected', schemaVersion: 1, data: { year, decree: theDecree, days: list, reason, by, at } }];
}

export const holidayCalendarDecider: Decider<HolidayCalendarCommand, HolidayCalendarState, HolidayCalendarEvent, HolidayCalendarContext> = {
  initialState: initialHolidayCalendarState,
  evolve: evolveHolidayCalendar,
  decide: decideHolidayCalendar,
};
