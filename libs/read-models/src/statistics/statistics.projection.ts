import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@adminduk/event-store';
import { eventsByApplication, foldApplication } from '../application-fold';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { workingCalendarOf } from '../holiday-calendar/holiday-calendar.queries';
import { COUNTER_COLUMNS, contributionsOf, keptState, zeroCounters, type Contribution, type Counters } from './statistics-contributions';

/**
 * The statistics counters (decision 0021): per WIB day and per WIB month x kecamatan x channel x
 * service. Each application's events are folded with the domain's evolve from a slim per-application
 * state (statistics_application), and what each event adds is summed into the two counter tables.
 * Increments are safe: the checkpoint moves in the same transaction, so an event is counted once.
 */
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['statistics_daily', 'statistics_monthly', 'statistics_application'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  /** One read of the states the events touch, the folds in memory, one statement writing the three tables. */
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const byApplication = eventsByApplication(events);
    if (byApplication.size === 0) return;
    // The SLA verdict uses the holiday lists in force (holiday_year_view, kept by the projection before this one).
    const calendar = await workingCalendarOf(em);
    const stored: Array<{ applicationId: string; revision: number; state: Record<string, unknown> }> = await em.query(
      `SELECT application_id AS "applicationId", revision, state FROM statistics_application WHERE application_id = ANY($1::uuid[])`,
      [[...byApplication.keys()]],
    );
    const existing = new Map(stored.map((s) => [s.applicationId, s]));
    const states: { application_id: string; revision: number; state: Record<string, unknown> }[] = [];
    const contributions: Contribution[] = [];
    for (const [applicationId, list] of byApplication) {
      // A redelivered event is already counted (skipped by the fold).
      const folded = foldApplication(this.name, existing.get(applicationId), list, (before, after) =>
        contributions.push(...contributionsOf(before, after, calendar)),
      );
      if (folded) states.push({ application_id: applicationId, revision: folded.revision, state: keptState(folded.state) });
    }
    if (states.length === 0 && contributions.length === 0) return;
    // One round trip: the states and both counter tables as data-modifying CTEs of one statement.
    await em.query(WRITE_BATCH, [
      JSON.stringify(states),
      JSON.stringify(sumByCell(contributions, (c) => c.day)),
      JSON.stringify(sumByCell(contributions, (c) => `${c.day.slice(0, 7)}-01`)),
    ]);
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE statistics_daily, statistics_monthly, statistics_application');
  }
}

type CellRow = { period: string; kecamatan: string; channel: string; service: string } & Counters;

/** The contributions summed per cell of one period (a day or the first day of a month). */
function sumByCell(contributions: Contribution[], periodOf: (c: Contribution) => string): CellRow[] {
  const cells = new Map<string, CellRow>();
  for (const c of contributions) {
    const period = periodOf(c);
    const key = `${period}|${c.kecamatan}|${c.channel}|${c.service}`;
    let row = cells.get(key);
    if (!row) {
      row = { period, kecamatan: c.kecamatan, channel: c.channel, service: c.service, ...zeroCounters() };
      cells.set(key, row);
    }
    for (const [k, v] of Object.entries(c.add) as [keyof Counters, number][]) row[k] += v;
  }
  return [...cells.values()];
}

/** Adds rows (from parameter `$<n>`) to a counter table's cells (a new cell starts at zero). */
function addCounters(table: string, periodColumn: string, parameter: number): string {
  return `INSERT INTO ${table} AS t (${periodColumn}, kecamatan, channel, service, ${COUNTER_COLUMNS.join(', ')})
     SELECT x.period, x.kecamatan, x.channel, x.service, ${COUNTER_COLUMNS.map((c) => `x.${c}`).join(', ')}
       FROM jsonb_to_recordset($${parameter}::jsonb) AS x(period date, kecamatan varchar, channel varchar, service varchar,
            ${COUNTER_COLUMNS.map((c) => `${c} int`).join(', ')})
     ON CONFLICT (${periodColumn}, kecamatan, channel, service) DO UPDATE SET
       ${COUNTER_COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
}

/** A batch's writes: the folded states ($1), the daily ($2) and the monthly ($3) cells. */
const WRITE_BATCH = `WITH states AS (
    INSERT INTO statistics_application (application_id, revision, state)
    SELECT x.application_id, x.revision, x.state FROM jsonb_to_recordset($1::jsonb) AS x(application_id uuid, revision int, state jsonb)
    ON CONFLICT (application_id) DO UPDATE SET revision = EXCLUDED.revision, state = EXCLUDED.state
  ), daily AS (${addCounters('statistics_daily', 'day', 2)})
  ${addCounters('statistics_monthly', 'month', 3)}`;
