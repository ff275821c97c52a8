/**
 * Statistics and complaint-view queries must not grow with history (issue 13, targets; decision
 * 0021): p99 with 1,000,000 generated applications in 18 kecamatan <= 2x p99 with 10,000, measured
 * in the same run.
 *
 * How the rows are made: BULK INSERT of the read-model rows with generate_series, not the projection
 * over generated events (a million folds would take longer than the measurement and measure the
 * projection, not the queries). Each generated application gets a WIB receipt day in the last three
 * years, one of the 18 kecamatan and one of the three channels; 85% are completed 0-8 working days
 * later (80% of those within the SLA), 5% closed without a KK. The day counters are summed from
 * those applications exactly as the projection sums them (received on the receipt day, completions on
 * the completion day), the month counters and the day totals per scope from the day counters.
 *
 * The CSV's answer is the cells of its range: a day of the 1,000,000 fills all 54 cells (18
 * kecamatan x 3 channels x 1 service), a day of the 10,000 about 15, so "this month" would compare
 * answers of different sizes (1,620 rows against about 440 for 30 days), not histories. The CSV is
 * timed over a reference month before the history, every cell filled with the same figures in both
 * sizes: the same answer, amid 15,000 or 59,000 other day rows.
 * Complaints: 3 per 100 applications, all closed but the same 60 open ones in both sizes (open
 * complaints are what is handled now, they do not pile up with history), written straight into
 * complaint_view.
 *
 * The two datasets live in two migrated schemas of the same database; each call of a query on one
 * size is followed by the same call on the other (bench/lib/history-growth.ts) so the machine's load
 * (other engineers' tests) falls on both alike. The ratio is the verdict, not the absolute times.
 *   bash infra/bench.sh statistics   → bench/results/statistics.json
 * BENCH_STATISTICS_ROUNDS (default 10) x BENCH_STATISTICS_PER_ROUND (default 50) timings per query and size;
 * BENCH_STATISTICS_LARGE (default 1000000), BENCH_STATISTICS_SMALL (default 10000) applications.
 */
import type { Pool } from 'pg';
import { formatWibDay, wibDayOf, wibParts } from '@adminduk/calendar';
import { listKecamatan } from '@adminduk/domain';
import {
  COUNTER_COLUMNS,
  openComplaintsByAge,
  statisticsDailyRows,
  statisticsPerDay,
  statisticsPerMonth,
  statisticsSummary,
  type SqlClient,
} from '@adminduk/read-models';
import { runHistoryGrowthBench } from './lib/history-growth';
import { runBench } from './lib/service-bench';

const LARGE = Number(process.env.BENCH_STATISTICS_LARGE ?? 1_000_000);
const SMALL = Number(process.env.BENCH_STATISTICS_SMALL ?? 10_000);
const ROUNDS = Number(process.env.BENCH_STATISTICS_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_STATISTICS_PER_ROUND ?? 50);
const TARGET_RATIO = 2;
const HISTORY_DAYS = 3 * 366;
const OPEN_COMPLAINTS = 60;
const BALONGBENDO = '35.15.12';
const CHANNELS = ['tatap-muka', 'daring-mandiri', 'daring-desa'];
const SERVICE = 'kk-tambah-anggota-kelahiran';

/** The reference month of the CSV: the 31 WIB days before the generated history, the same cells in both sizes. */
function referenceMonth(now: Date): { from: string; to: string } {
  const first = wibDayOf(now) - HISTORY_DAYS - 31;
  return { from: formatWibDay(first), to: formatWibDay(first + 30) };
}

/** Fills one schema's statistics and complaint tables for `applications` generated applications. */
async function generate(db: Pool, applications: number, now: Date): Promise<void> {
  const today = formatWibDay(wibDayOf(now));
  const kecamatan = listKecamatan().map((k) => k.code);
  // The reference month: every cell of every day, the same figures in both sizes (not counted in `applications`).
  const reference = referenceMonth(now);
  await db.query(
    `INSERT INTO statistics_daily (day, kecamatan, channel, service, received, completed, completed_within_sla, working_days_sum,
            done_2d, closed_without_kk)
     SELECT d::date, k, c, $5, 25, 21, 17, 42, 21, 1
       FROM generate_series($1::date, $2::date, interval '1 day') AS d, unnest($3::text[]) AS k, unnest($4::text[]) AS c`,
    [reference.from, reference.to, kecamatan, CHANNELS, SERVICE],
  );
  await db.query(
    `CREATE TEMP TABLE bench_applications AS
       SELECT $2::date - floor(random() * $3)::int AS day,
              ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int] AS kecamatan,
              ($5::text[])[1 + floor(random() * 3)::int] AS channel,
              CASE WHEN r < 0.85 THEN floor(random() * 9)::int END AS working_days,
              r >= 0.85 AND r < 0.90 AS closed_without_kk,
              random() < 0.8 AS within_sla
         FROM (SELECT random() AS r FROM generate_series(1, $1)) g`,
    [applications, today, HISTORY_DAYS, kecamatan, CHANNELS],
  );
  await db.query(
    `INSERT INTO statistics_daily (day, kecamatan, channel, service, received, closed_without_kk)
     SELECT day, kecamatan, channel, $1, count(*), count(*) FILTER (WHERE closed_without_kk)
       FROM bench_applications GROUP BY 1, 2, 3`,
    [SERVICE],
  );
  // A completion lands on its completion day: the receipt day plus the working days and the weekends between.
  await db.query(
    `INSERT INTO statistics_daily AS t (day, kecamatan, channel, service, completed, completed_within_sla, working_days_sum,
            done_0d, done_1d, done_2d, done_3d, done_4_5d, done_6_10d, done_over_10d)
     SELECT least(day + working_days + 2 * (working_days / 5), $1::date), kecamatan, channel, $2,
            count(*), count(*) FILTER (WHERE within_sla), sum(working_days),
            count(*) FILTER (WHERE working_days = 0), count(*) FILTER (WHERE working_days = 1), count(*) FILTER (WHERE working_days = 2),
            count(*) FILTER (WHERE working_days = 3), count(*) FILTER (WHERE working_days BETWEEN 4 AND 5),
            count(*) FILTER (WHERE working_days BETWEEN 6 AND 10), 0
       FROM bench_applications WHERE working_days IS NOT NULL GROUP BY 1, 2, 3
     ON CONFLICT (day, kecamatan, channel, service) DO UPDATE SET completed = EXCLUDED.completed,
       completed_within_sla = EXCLUDED.completed_within_sla, working_days_sum = EXCLUDED.working_days_sum,
       done_0d = EXCLUDED.done_0d, done_1d = EXCLUDED.done_1d, done_2d = EXCLUDED.done_2d, done_3d = EXCLUDED.done_3d,
       done_4_5d = EXCLUDED.done_4_5d, done_6_10d = EXCLUDED.done_6_10d`,
    [today, SERVICE],
  );
  await db.query(
    `INSERT INTO statistics_monthly (month, kecamatan, channel, service, received, completed, completed_within_sla, working_days_sum,
            done_0d, done_1d, done_2d, done_3d, done_4_5d, done_6_10d, done_over_10d, closed_without_kk)
     SELECT date_trunc('month', day)::date, kecamatan, channel, service, sum(received), sum(completed), sum(completed_within_sla),
            sum(working_days_sum), sum(done_0d), sum(done_1d), sum(done_2d), sum(done_3d), sum(done_4_5d), sum(done_6_10d),
            sum(done_over_10d), sum(closed_without_kk)
       FROM statistics_daily GROUP BY 1, 2, 3, 4`,
  );
  const sums = COUNTER_COLUMNS.map((c) => `sum(${c})`).join(', ');
  await db.query(
    `INSERT INTO statistics_daily_total (scope, day, ${COUNTER_COLUMNS.join(', ')})
     SELECT 'regency', day, ${sums} FROM statistics_daily GROUP BY day
     UNION ALL SELECT kecamatan, day, ${sums} FROM statistics_daily GROUP BY kecamatan, day`,
  );
  await db.query('DROP TABLE bench_applications');
  const complaints = Math.round(applications * 0.03);
  await db.query(
    `INSERT INTO complaint_view (complaint_id, kind, category, channel, summary, description, kecamatan, anonymous, status,
            received_at, updated_at, closed_at)
     SELECT gen_random_uuid(), 'pengaduan', 'pelayanan-lambat', 'surat', 'Ringkasan', 'Uraian', ($2::text[])[1 + i % 18],
            true, CASE WHEN i <= $3 THEN 'verified' ELSE 'closed' END, t, t, CASE WHEN i <= $3 THEN NULL ELSE t + interval '9 days' END
       FROM (SELECT i, now() - CASE WHEN i <= $3 THEN random() * interval '60 days' ELSE random() * interval '1098 days' END AS t
               FROM generate_series(1, $1) AS i) g`,
    [Math.max(complaints, OPEN_COMPLAINTS), kecamatan, OPEN_COMPLAINTS],
  );
  await db.query('ANALYZE statistics_daily; ANALYZE statistics_monthly; ANALYZE statistics_daily_total; ANALYZE complaint_view');
}

/** The queries the public page, the dashboard and the CSV export make. */
function queries(db: SqlClient, now: Date): Record<string, () => Promise<unknown>> {
  const today = wibDayOf(now);
  const p = wibParts(now);
  const reference = referenceMonth(now);
  return {
    summaryRegency: () => statisticsSummary(db, 'regency', now),
    summaryKecamatan: () => statisticsSummary(db, { kecamatan: BALONGBENDO }, now),
    perDay30Regency: () => statisticsPerDay(db, 'regency', formatWibDay(today - 29), formatWibDay(today)),
    perMonthRegency: () => statisticsPerMonth(db, 'regency', p.year),
    csvReferenceMonthRegency: () => statisticsDailyRows(db, 'regency', reference.from, reference.to),
    openComplaintsByAgeRegency: () => openComplaintsByAge(db, now),
    openComplaintsByAgeKecamatan: () => openComplaintsByAge(db, now, { kecamatan: BALONGBENDO }),
  };
}

const rows = async (db: Pool, table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const rowCounts = async (db: Pool) => ({
  daily: await rows(db, 'statistics_daily'),
  monthly: await rows(db, 'statistics_monthly'),
  dailyTotals: await rows(db, 'statistics_daily_total'),
  complaints: await rows(db, 'complaint_view'),
});

runBench(() =>
  runHistoryGrowthBench({
    benchmark: 'statistics',
    schemaPrefix: 'bench_statistics',
    unit: 'applications',
    sizes: { small: SMALL, large: LARGE },
    rounds: ROUNDS,
    perRound: PER_ROUND,
    targetRatio: TARGET_RATIO,
    generate,
    queries,
    describe: async (dbs) => ({
      rowsMadeBy: 'bulk insert of read-model rows (generate_series), not the projection',
      applications: { small: SMALL, large: LARGE },
      historyDays: HISTORY_DAYS,
      csvReferenceMonthFrom: (await dbs.small.query(`SELECT min(day)::text AS day FROM statistics_daily`)).rows[0].day,
      rows: { small: await rowCounts(dbs.small), large: await rowCounts(dbs.large) },
    }),
  }),
);
