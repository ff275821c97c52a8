/**
 * The complaint-handling view's queries must not grow with history (issue 13, targets): p99 with
 * 1,000,000 complaints <= 2x p99 with 10,000, measured in the same run. (The statistics bench times
 * openComplaintsByAge; this one the handling screens' queries and the deadline scan.)
 *
 * How the rows are made: BULK INSERT into complaint_view with generate_series, not the projection
 * (a million folds would measure the projection, not the queries). Complaints spread over the 18
 * kecamatan, the catalog's categories and three years; all closed but the same 300 open ones in both
 * sizes, a third of them overdue and unescalated: open complaints are what is handled now, they do
 * not pile up with history, while closed ones do. The queue's "include closed" listing is history by
 * definition and is not a target here.
 *
 * Two migrated schemas in one database; each call of a query on one size is followed by the same
 * call on the other (bench/lib/history-growth.ts) so the machine's load falls on both alike. The
 * ratio is the verdict, not the times.
 *   bash infra/bench.sh complaint-view   → bench/results/complaint-view.json
 * BENCH_COMPLAINTS_ROUNDS (default 10) x BENCH_COMPLAINTS_PER_ROUND (default 50) timings per query and size;
 * BENCH_COMPLAINTS_LARGE (default 1000000), BENCH_COMPLAINTS_SMALL (default 10000) complaints.
 */
import type { Pool } from 'pg';
import { COMPLAINT_CATALOG, listKecamatan } from '@adminduk/domain';
import { complaintDetail, complaintQueue, overdueComplaints, type SqlClient } from '@adminduk/read-models';
import { runHistoryGrowthBench } from './lib/history-growth';
import { runBench } from './lib/service-bench';

const LARGE = Number(process.env.BENCH_COMPLAINTS_LARGE ?? 1_000_000);
const SMALL = Number(process.env.BENCH_COMPLAINTS_SMALL ?? 10_000);
const ROUNDS = Number(process.env.BENCH_COMPLAINTS_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_COMPLAINTS_PER_ROUND ?? 50);
const TARGET_RATIO = 2;
const OPEN = 300;
const BALONGBENDO = '35.15.12';
/** The open complaint the detail query reads (the same id in both sizes). */
const KNOWN_ID = '00000000-0000-4000-8000-000000000001';

/** Fills one schema's complaint_view with `complaints` rows, the first OPEN of them open. */
async function generate(db: Pool, complaints: number): Promise<void> {
  const kecamatan = listKecamatan().map((k) => k.code);
  const categories = Object.keys(COMPLAINT_CATALOG.categories);
  await db.query(
    `INSERT INTO complaint_view (complaint_id, kind, category, channel, summary, description, kecamatan, anonymous, status,
            received_at, verify_by, next_due_at, next_due_stage, updated_at, closed_at)
     SELECT CASE WHEN i = 1 THEN $5::uuid ELSE gen_random_uuid() END, 'pengaduan', ($3::text[])[1 + i % array_length($3::text[], 1)],
            'telepon', 'Ringkasan', 'Uraian', ($2::text[])[1 + i % 18], true,
            CASE WHEN i <= $4 THEN 'received' ELSE 'closed' END, t, t + interval '3 days',
            CASE WHEN i <= $4 THEN t + interval '3 days' END, CASE WHEN i <= $4 THEN 'verification' END, t,
            CASE WHEN i <= $4 THEN NULL ELSE t + interval '9 days' END
       FROM (SELECT i, now() - CASE WHEN i <= $4 THEN random() * interval '6 days' ELSE random() * interval '1098 days' END AS t
               FROM generate_series(1, $1) AS i) g`,
    [Math.max(complaints, OPEN), kecamatan, categories, OPEN, KNOWN_ID],
  );
  await db.query('ANALYZE complaint_view');
}

/** The queries the handling screens and the deadline scan make. */
function queries(db: SqlClient, now: Date): Record<string, () => Promise<unknown>> {
  const page = { limit: 50, offset: 0 };
  return {
    queueRegency: () => complaintQueue(db, { role: 'petugas-pengaduan' }, page),
    queueKecamatan: () => complaintQueue(db, { role: 'petugas-pengaduan' }, { ...page, kecamatan: BALONGBENDO }),
    queueCategory: () => complaintQueue(db, { role: 'auditor' }, { ...page, category: 'pungutan-liar' }),
    queueOperator: () => complaintQueue(db, { role: 'operator-kecamatan', kecamatan: BALONGBENDO }, page),
    detail: () => complaintDetail(db, KNOWN_ID, { role: 'petugas-pengaduan' }),
    deadlineScan: () => overdueComplaints(db, now, 500),
  };
}

runBench(() =>
  runHistoryGrowthBench({
    benchmark: 'complaint-view',
    schemaPrefix: 'bench_complaints',
    unit: 'complaints',
    sizes: { small: SMALL, large: LARGE },
    rounds: ROUNDS,
    perRound: PER_ROUND,
    targetRatio: TARGET_RATIO,
    generate: (db, complaints) => generate(db, complaints),
    queries,
    describe: async () => ({
      rowsMadeBy: 'bulk insert of complaint_view rows (generate_series), not the projection',
      complaints: { small: SMALL, large: LARGE },
      openComplaints: OPEN,
    }),
  }),
);
