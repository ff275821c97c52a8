import { CalendarOutOfRangeError, DAY_MS, formatWibDay, wibDayOf, type WorkingCalendar } from '@adminduk/calendar';
import { applicationSla, type ApplicationState } from '@adminduk/domain';

/** The counter columns of statistics_daily, statistics_monthly and statistics_daily_total, in one order. */
export const COUNTER_COLUMNS = [
  'received',
  'completed',
  'completed_within_sla',
  'working_days_sum',
  'done_0d',
  'done_1d',
  'done_2d',
  'done_3d',
  'done_4_5d',
  'done_6_10d',
  'done_over_10d',
  'closed_without_kk',
] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];
export type Counters = Record<CounterColumn, number>;

/** The scope of statistics_daily_total's regency-wide rows (a kecamatan's rows have its code). */
export const REGENCY_TOTAL = 'regency';

export const zeroCounters = (): Counters => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Counters;

/** What one event adds to one cell: a WIB day (YYYY-MM-DD) x kecamatan x channel x service. */
export interface Contribution {
  day: string;
  kecamatan: string;
  channel: string;
  service: string;
  add: Partial<Counters>;
}

/** Closed without a KK: the file was returned, withdrawn or rejected (collected and self-printed come after completion). */
const CLOSED_WITHOUT_KK: ReadonlySet<string> = new Set(['returned', 'withdrawn', 'rejected']);

/**
 * What moving from `before` to `after` (one event folded by the domain's evolve) adds to the
 * counters. Received on the WIB day of submission; completed (decision 0021: the KK signed, the
 * SLA clock's stop) on the WIB day of the first signature, with the SLA verdict and working days
 * of the domain's own clock (pauses for correction not counted); closed without a KK on the day
 * it closed. Every contribution is attributed to the application's kecamatan, channel and service.
 */
export function contributionsOf(before: ApplicationState, after: ApplicationState, calendar: WorkingCalendar): Contribution[] {
  const out: Contribution[] = [];
  const cell = (at: string, add: Partial<Counters>) =>
    out.push({
      day: formatWibDay(wibDayOf(new Date(at))),
      kecamatan: after.kecamatan ?? '',
      channel: after.channel ?? '',
      service: after.serviceType ?? '',
      add,
    });
  if (!before.submittedAt && after.submittedAt) cell(after.submittedAt, { received: 1 });
  if (!before.signedAt && after.signedAt) cell(after.signedAt, completion(after, new Date(after.signedAt), calendar));
  if (!before.closedAt && after.closedAt && CLOSED_WITHOUT_KK.has(after.status)) cell(after.closedAt, { closed_without_kk: 1 });
  return out;
}

/** One completion: within the SLA or not, and the working days the clock counted (rounded up to whole days). */
function completion(state: ApplicationState, at: Date, calendar: WorkingCalendar): Partial<Counters> {
  const sla = slaAt(state, at, calendar);
  // No clock (a year the strict calendar has no data for): counted as completed, not as on time.
  if (!sla) return { completed: 1 };
  const days = Math.ceil(sla.elapsedMs / DAY_MS);
  return { completed: 1, completed_within_sla: sla.breached ? 0 : 1, working_days_sum: days, [daysBucket(days)]: 1 };
}

function slaAt(state: ApplicationState, at: Date, calendar: WorkingCalendar) {
  try {
    return applicationSla(state, at, calendar);
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return undefined;
    throw e;
  }
}

/** The histogram column of a completion that took `days` working days. */
export function daysBucket(days: number): CounterColumn {
  if (days <= 0) return 'done_0d';
  if (days <= 3) return `done_${days}d` as CounterColumn;
  if (days <= 5) return 'done_4_5d';
  if (days <= 10) return 'done_6_10d';
  return 'done_over_10d';
}

/** The fields of the folded state the statistics keep per application: dimensions and the SLA clock, no personal data. */
export const KEPT_STATE_KEYS = [
  'status',
  'version',
  'serviceType',
  'catalogVersionId',
  'channel',
  'kecamatan',
  'submittedAt',
  'fileCompletedAt',
  'pauses',
  'slaWorkingDays',
  'signedAt',
  'closedAt',
] as const satisfies readonly (keyof ApplicationState)[];

export function keptState(s: ApplicationState): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const k of KEPT_STATE_KEYS) if (s[k] !== undefined) kept[k] = s[k];
  return kept;
}
