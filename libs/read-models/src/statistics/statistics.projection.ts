import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@adminduk/event-store';
import { eventsByApplication, foldApplication } from '../application-fold';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { workingCalendarOf } from '../holiday-calendar/holiday-calendar.queries';
import {
  COUNTER_COLUMNS,
  REGENCY_TOTAL,
  contributionsOf,
  keptState,
  zeroCounters,
  type Contribution,
  type Counters,
} from './statistics-contributions';

/**
 * The statistics counters (decision 0021): per WIB day and per WIB month x kecamatan x channel x
 * service, and per WIB day summed for the regency and for each kecamatan (statistics_daily_total).
 * Each application's events are folded with the domain's evolve from a slim per-application state
 * (statistics_application), and what each event adds is summed into the three counter tables.
 * Increments are safe: the checkpoint moves in the same transaction, so an event is counted once.
 */
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['statistics_daily', 'statistics_monthly', 'statistics_daily_total', 'statistics_application'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 2;

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  /** One read of the states the events touch, the folds in memory, one statement writing the four tables. */
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
    // One round trip: the states and the three counter tables as data-modifying CTEs of one statement.
    await em.query(WRITE_BATCH, [
      JSON.stringify(states),
      JSON.stringify(sumByKey(contributions, (c) => [{ day: c.day, ...cellOf(c) }])),
      JSON.stringify(sumByKey(contributions, (c) => [{ month: `${c.day.slice(0, 7)}-01`, ...cellOf(c) }])),
      JSON.stringify(
        sumByKey(contributions, (c) => [
          { scope: REGENCY_TOTAL, day: c.day },
          { scope: c.kecamatan, day: c.day },
        ]),
      ),
    ]);
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE statistics_daily, statistics_monthly, statistics_daily_total, statistics_application');
  }
}

type Key = Record<string, string>;
const cellOf = (c: Contribution): Key => ({ kecamatan: c.kecamatan, channel: c.channel, service: c.service });

/** The contributions summed per key (a contribution adds to every key `keysOf` gives it). */
function sumByKey(contributions: Contribution[], keysOf: (c: Contribution) => Key[]): Array<Key & Counters> {
  const rows = new Map<string, Key & Counters>();
  for (const c of contributions) {
    for (const key of keysOf(c)) {
      const id = Object.values(key).join('|');
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { ...key, ...zeroCounters() } as Key & Counters));
      for (const [k, v] of Object.entries(c.add) as [keyof Counters, number][]) row[k] += v;
    }
  }
  return [...rows.values()];
}

/** Adds rows (from parameter `$<n>`, keyed by `keys`: column and SQL type) to a counter table (a new row starts at zero). */
function addCounters(table: string, keys: Record<string, string>, parameter: number): string {
  const columns = [...Object.keys(keys), ...COUNTER_COLUMNS];
  return `INSERT INTO ${table} AS t (${columns.join(', ')})
     SELECT ${columns.map((c) => `x.${c}`).join(', ')}
       FROM jsonb_to_recordset($${parameter}::jsonb) AS x(${Object.entries(keys)
         .map(([c, type]) => `${c} ${type}`)
         .join(', ')}, ${COUNTER_COLUMNS.map((c) => `${c} int`).join(', ')})
     ON CONFLICT (${Object.keys(keys).join(', ')}) DO UPDATE SET
       ${COUNTER_COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
}

const CELL = { kecamatan: 'varchar', channel: 'varchar', service: 'varchar' };

/** A batch's writes: the folded states ($1), the daily ($2) and monthly ($3) cells, the daily totals per scope ($4). */
const WRITE_BATCH = `WITH states AS (
    INSERT INTO statistics_application (application_id, revision, state)
    SELECT x.application_id, x.revision, x.state FROM jsonb_to_recordset($1::jsonb) AS x(application_id uuid, revision int, state jsonb)
    ON CONFLICT (application_id) DO UPDATE SET revision = EXCLUDED.revision, state = EXCLUDED.state
  ), daily AS (${addCounters('statistics_daily', { day: 'date', ...CELL }, 2)}
  ), monthly AS (${addCounters('statistics_monthly', { month: 'date', ...CELL }, 3)})
  ${addCounters('statistics_daily_total', { scope: 'varchar', day: 'date' }, 4)}`;
