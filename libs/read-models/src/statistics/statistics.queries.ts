import { formatWibDay, wibDayOf, wibParts } from '@adminduk/calendar';
import { CHANNELS, listKecamatan } from '@adminduk/domain';
import type { SqlClient } from '../sql-client';
import { COUNTER_COLUMNS, REGENCY_TOTAL, zeroCounters, type Counters } from './statistics-contributions';

/** Whose figures: one kecamatan (its operators) or the whole regency (admin, auditor, the public). */
export type StatisticsScope = { kecamatan: string } | 'regency';

/** Completions by working days taken, in the histogram's buckets. */
export interface WorkingDaysDistribution {
  '0': number;
  '1': number;
  '2': number;
  '3': number;
  '4-5': number;
  '6-10': number;
  '>10': number;
}

/** The figures of one period and scope: counts, SLA compliance and working days to completion. */
export interface StatisticsFigures {
  received: number;
  completed: number;
  completedWithinSla: number;
  /** completedWithinSla / completed, 0..1; null when nothing was completed. */
  slaCompliance: number | null;
  /** Mean working days to completion, one decimal; null when nothing was completed. */
  averageWorkingDays: number | null;
  workingDays: WorkingDaysDistribution;
  closedWithoutKk: number;
}

export interface StatisticsSummary {
  /** The WIB day the figures are as of (YYYY-MM-DD). */
  asOf: string;
  today: StatisticsFigures;
  month: StatisticsFigures;
  year: StatisticsFigures;
  /** This year per kecamatan of the scope (every kecamatan of the regency, zeros included), by code. */
  byKecamatan: Array<StatisticsFigures & { kecamatan: string; name: string }>;
  /** This year per channel (the domain's channel names). */
  byChannel: Array<StatisticsFigures & { channel: string }>;
}

export function figuresOf(c: Counters): StatisticsFigures {
  return {
    received: c.received,
    completed: c.completed,
    completedWithinSla: c.completed_within_sla,
    slaCompliance: c.completed > 0 ? c.completed_within_sla / c.completed : null,
    averageWorkingDays: c.completed > 0 ? Math.round((c.working_days_sum / c.completed) * 10) / 10 : null,
    workingDays: {
      '0': c.done_0d,
      '1': c.done_1d,
      '2': c.done_2d,
      '3': c.done_3d,
      '4-5': c.done_4_5d,
      '6-10': c.done_6_10d,
      '>10': c.done_over_10d,
    },
    closedWithoutKk: c.closed_without_kk,
  };
}

const SUMS = COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ');

function scopeFilter(scope: StatisticsScope, param: number): { sql: string; params: unknown[] } {
  return scope === 'regency' ? { sql: 'TRUE', params: [] } : { sql: `kecamatan = $${param}`, params: [scope.kecamatan] };
}

/** The scope's rows in statistics_daily_total: the regency's or the kecamatan's. */
const totalScopeOf = (scope: StatisticsScope): string => (scope === 'regency' ? REGENCY_TOTAL : scope.kecamatan);

function add(into: Counters, row: Counters): void {
  for (const c of COUNTER_COLUMNS) into[c] += Number(row[c]);
}

/** The WIB calendar bounds of `now`: today, the first of this month, 1 January. */
function wibPeriodsOf(now: Date) {
  const p = wibParts(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { today: formatWibDay(wibDayOf(now)), month: `${p.year}-${pad(p.month)}-01`, january: `${p.year}-01-01` };
}

/**
 * Today, this month and this year (WIB) with the year per kecamatan and per channel. Two reads of
 * the counters: today's total of the scope (one row) and this year's month rows (at most 12 x
 * kecamatan x channel x service), so the cost does not grow with the history held.
 */
export async function statisticsSummary(db: SqlClient, scope: StatisticsScope, now: Date): Promise<StatisticsSummary> {
  const { today, month, january } = wibPeriodsOf(now);
  const f = scopeFilter(scope, 3);
  const [day, months] = await Promise.all([
    db.query<Counters>(`SELECT ${COUNTER_COLUMNS.join(', ')} FROM statistics_daily_total WHERE scope = $1 AND day = $2`, [
      totalScopeOf(scope),
      today,
    ]),
    db.query<Counters & { this_month: boolean; kecamatan: string; channel: string }>(
      `SELECT month = $2 AS this_month, kecamatan, channel, ${SUMS}
         FROM statistics_monthly WHERE month BETWEEN $1 AND $2 AND ${f.sql}
        GROUP BY 1, 2, 3`,
      [january, month, ...f.params],
    ),
  ]);
  const todayCounters = zeroCounters();
  if (day.rows[0]) add(todayCounters, day.rows[0]); // no row: nothing happened today
  const monthCounters = zeroCounters();
  const yearCounters = zeroCounters();
  const kecamatanCodes = scope === 'regency' ? listKecamatan().map((k) => k.code) : [scope.kecamatan];
  const byKecamatan = new Map(kecamatanCodes.map((k) => [k, zeroCounters()]));
  const byChannel = new Map(CHANNELS.map((c) => [c as string, zeroCounters()]));
  for (const r of months.rows) {
    add(yearCounters, r);
    if (r.this_month) add(monthCounters, r);
    if (!byKecamatan.has(r.kecamatan)) byKecamatan.set(r.kecamatan, zeroCounters());
    add(byKecamatan.get(r.kecamatan)!, r);
    if (!byChannel.has(r.channel)) byChannel.set(r.channel, zeroCounters());
    add(byChannel.get(r.channel)!, r);
  }
  const names = new Map(listKecamatan().map((k) => [k.code, k.name]));
  return {
    asOf: today,
    today: figuresOf(todayCounters),
    month: figuresOf(monthCounters),
    year: figuresOf(yearCounters),
    byKecamatan: [...byKecamatan]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kecamatan, c]) => ({ kecamatan, name: names.get(kecamatan) ?? kecamatan, ...figuresOf(c) })),
    byChannel: [...byChannel].map(([channel, c]) => ({ channel, ...figuresOf(c) })),
  };
}

export interface StatisticsSeriesPoint {
  /** A WIB day (YYYY-MM-DD) or the first day of a WIB month. */
  period: string;
  received: number;
  completed: number;
  completedWithinSla: number;
}

/**
 * Received and completed per WIB day from `fromDay` to `toDay` (inclusive; every day, zeros included),
 * from the scope's day totals: one row per day whatever the number of cells a day fills.
 */
export async function statisticsPerDay(
  db: SqlClient,
  scope: StatisticsScope,
  fromDay: string,
  toDay: string,
): Promise<StatisticsSeriesPoint[]> {
  const { rows } = await db.query<{ period: string; received: number; completed: number; completed_within_sla: number }>(
    `SELECT d::date::text AS period, coalesce(s.received, 0) AS received, coalesce(s.completed, 0) AS completed,
            coalesce(s.completed_within_sla, 0) AS completed_within_sla
       FROM generate_series($1::date, $2::date, interval '1 day') AS d
       LEFT JOIN (SELECT * FROM statistics_daily_total WHERE scope = $3 AND day BETWEEN $1 AND $2) s ON s.day = d::date
      ORDER BY d`,
    [fromDay, toDay, totalScopeOf(scope)],
  );
  return rows.map(seriesPoint);
}

/** Received and completed per WIB month of `year` (twelve points, zeros included). */
export async function statisticsPerMonth(db: SqlClient, scope: StatisticsScope, year: number): Promise<StatisticsSeriesPoint[]> {
  const f = scopeFilter(scope, 2);
  const { rows } = await db.query<{ period: string; received: number; completed: number; completed_within_sla: number }>(
    `SELECT m::date::text AS period, coalesce(s.received, 0)::int AS received, coalesce(s.completed, 0)::int AS completed,
            coalesce(s.completed_within_sla, 0)::int AS completed_within_sla
       FROM generate_series(make_date($1, 1, 1), make_date($1, 12, 1), interval '1 month') AS m
       LEFT JOIN (SELECT month, sum(received) AS received, sum(completed) AS completed, sum(completed_within_sla) AS completed_within_sla
                    FROM statistics_monthly WHERE month BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 1) AND ${f.sql}
                   GROUP BY month) s ON s.month = m::date
      ORDER BY m`,
    [year, ...f.params],
  );
  return rows.map(seriesPoint);
}

function seriesPoint(r: { period: string; received: number; completed: number; completed_within_sla: number }): StatisticsSeriesPoint {
  return { period: r.period, received: r.received, completed: r.completed, completedWithinSla: r.completed_within_sla };
}

/** One row of the CSV export: a WIB day x kecamatan x channel x service with its counters. */
export interface StatisticsCellRow {
  day: string;
  kecamatan: string;
  channel: string;
  service: string;
  counters: Counters;
}

/** The day rows from `fromDay` to `toDay` (inclusive) in the scope, by day, kecamatan, channel: what the CSV export writes. */
export async function statisticsDailyRows(
  db: SqlClient,
  scope: StatisticsScope,
  fromDay: string,
  toDay: string,
): Promise<StatisticsCellRow[]> {
  const f = scopeFilter(scope, 3);
  const { rows } = await db.query<Counters & { day: string; kecamatan: string; channel: string; service: string }>(
    `SELECT day::text AS day, kecamatan, channel, service, ${COUNTER_COLUMNS.join(', ')}
       FROM statistics_daily WHERE day BETWEEN $1 AND $2 AND ${f.sql}
      ORDER BY day, kecamatan, channel, service`,
    [fromDay, toDay, ...f.params],
  );
  return rows.map(({ day, kecamatan, channel, service, ...counters }) => ({ day, kecamatan, channel, service, counters }));
}
