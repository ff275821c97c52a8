/**
 * The projections service's CPU per submitted application at live batch sizes (issue 10): what
 * every projection costs on the traffic the http-submit bench sends, measured without the rest of
 * the platform, so it can be compared between commits on a busy machine.
 *
 * 1. Generate: APPLICATIONS counter submissions (the domain's own ApplicationSubmitted, another
 *    mother each), chained by the store's own hash functions, appended to a migrated schema's store
 *    as the fold goes, so that it holds AHEAD events past the batch being folded.
 * 2. Fold them as the live consumer does: every projection of the service (allProjections), one
 *    catchUpInTransaction per bus batch of BATCH events (the consumer's linger gathers about a dozen
 *    at 300 submissions/s), up to that batch's last position, expecting that many events.
 * 3. Report CPU per application: this process (the projections' JavaScript; the appends' own CPU
 *    taken off) and the PostgreSQL backends serving it (found by application_name).
 *
 *   node -r @swc-node/register bench/projections-live.bench.ts   (or: bash infra/bench.sh projections-live)
 *
 * Env: BENCH_LIVE_APPLICATIONS (default 6000), BENCH_LIVE_BATCH (default 15 events per transaction),
 * BENCH_LIVE_AHEAD (default 15: events the store holds past the batch, appended while it lingered),
 * BENCH_LIVE_ROUNDS (default 3: the fold is repeated on a fresh schema, the best round is reported).
 * Writes bench/results/projections-live.json. No target: a figure to compare commits by.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import {
  canonicalContent,
  comparePositions,
  GENESIS_HASH,
  linkHash,
  positionFromString,
  PostgresEventStore,
  type GlobalPosition,
} from '@adminduk/event-store';
import { allProjections, catchUpInTransaction, createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema } from '@adminduk/testing';
import { round } from './lib/bench-kit';
import { cpuSeconds, machineInfo } from './lib/process-cpu';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const APPLICATIONS = Number(process.env.BENCH_LIVE_APPLICATIONS ?? 6000);
const BATCH = Number(process.env.BENCH_LIVE_BATCH ?? 15);
const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS ?? 3);
const AHEAD = Number(process.env.BENCH_LIVE_AHEAD ?? 15);
const APP_NAME = `projections-live-${process.pid}`;

/** One counter submission per application, another mother each (as bench/lib/submission-bodies.ts): es_events columns. */
function generate(): string[][] {
  const submitted = new domainTesting.KkScenario('tatap-muka').submit().events[0];
  const json = JSON.stringify(submitted.data);
  const motherNik = (submitted.data as { newborn: { nikIbu: string } }).newborn.nikIbu;
  const cols: string[][] = [[], [], [], [], [], [], [], []];
  for (let i = 0; i < APPLICATIONS; i++) {
    const streamId = applicationStreamId(randomUUID());
    const data = JSON.parse(json.replaceAll(motherNik, motherNik.slice(0, 12) + String((i % 9999) + 1).padStart(4, '0'))) as unknown;
    const metadata = {
      eventId: randomUUID(),
      occurredAt: new Date(Date.UTC(2026, 0, 5, 2) + i * 3).toISOString(),
      schemaVersion: submitted.schemaVersion,
      correlationId: randomUUID(),
      kecamatan: '35.15.12',
    };
    const content = canonicalContent({ streamId, revision: 0, type: submitted.type, data, metadata });
    const hash = linkHash(GENESIS_HASH, content.hash);
    [streamId, '0', metadata.eventId, submitted.type, content.data, content.metadata, GENESIS_HASH, hash].forEach((v, k) =>
      cols[k].push(v),
    );
  }
  return cols;
}

/** Appends the generated events [from, to) in one statement (another connection), returning their positions. */
async function insert(db: Client, cols: string[][], from: number, to: number): Promise<GlobalPosition[]> {
  const { rows } = await db.query<{ p: string }>(
    `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])
     RETURNING transaction_id::text || '/' || position::text AS p`,
    cols.map((c) => c.slice(from, to)),
  );
  return rows.map((r) => positionFromString(r.p)).sort(comparePositions);
}

async function backendsCpu(db: Client): Promise<number> {
  const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APP_NAME]);
  // A backend that ended meanwhile reads as null: nothing to add.
  return rows.reduce((sum, r) => sum + (cpuSeconds(r.pid) ?? 0), 0);
}

async function oneRound(): Promise<{ retries: number; seconds: number; nodeCpuMs: number; postgresCpuMs: number; batches: number }> {
  const schema = await createTestSchema('projlive');
  const url = `${schema.url}${schema.url.includes('?') ? '&' : '?'}application_name=${APP_NAME}`;
  const db = new Client({ connectionString: schema.url });
  await db.connect();
  const store = await PostgresEventStore.create({ connectionString: url });
  const ds = await createReadModelDataSource(url).initialize();
  try {
    const cols = generate();
    const positions: GlobalPosition[] = [];
    // The store holds AHEAD events past the batch being folded, as the live store does while the
    // consumer's batch lingers (newer submissions are appended meanwhile).
    // This process's CPU spent appending (not the projections'), taken off the measurement.
    let appendCpuUs = 0;
    const appendUpTo = async (n: number) => {
      if (n <= positions.length) return;
      const c0 = process.cpuUsage();
      positions.push(...(await insert(db, cols, positions.length, Math.min(n, APPLICATIONS))));
      const c = process.cpuUsage(c0);
      appendCpuUs += c.user + c.system;
    };
    const projections = allProjections();
    let retries = 0;
    const fold = async (from: number) => {
      const to = Math.min(from + BATCH, APPLICATIONS);
      await appendUpTo(to + AHEAD);
      for (;;) {
        try {
          return await catchUpInTransaction(ds, projections, store, positions[to - 1], 200, { expected: to - from });
        } catch (e) {
          // The store hides events committed after the oldest transaction running on the server
          // (decision 0005), another suite's for instance: the live consumer's batch comes back too.
          if (!/has nothing after/.test((e as Error).message) || ++retries > 10_000) throw e;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };
    // Warm-up: the first tenth (JIT, pools, the holiday calendar), not measured.
    const warm = Math.floor(APPLICATIONS / 10);
    let at = 0;
    for (; at + BATCH <= warm; at += BATCH) await fold(at);
    const pg0 = await backendsCpu(db);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let batches = 0;
    retries = 0;
    appendCpuUs = 0;
    for (; at < APPLICATIONS; at += BATCH, batches++) await fold(at);
    const t1 = process.hrtime.bigint();
    const seconds = Number(t1 - t0) / 1e9;
    // The measured window on the clock V8 CPU profiles use (bench/cpu-profile-summary.ts window=).
    console.log(`measured window=${t0 / 1000n}-${t1 / 1000n}`);
    const cpu = process.cpuUsage(cpu0);
    const postgres = (await backendsCpu(db)) - pg0;
    const measured = APPLICATIONS - warm;
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM application_view');
    if (Number(rows[0].n) !== APPLICATIONS) throw new Error(`application_view has ${rows[0].n} of ${APPLICATIONS} rows`);
    return {
      retries,
      seconds: round(seconds, 2),
      nodeCpuMs: round((cpu.user + cpu.system - appendCpuUs) / 1000 / measured, 3),
      postgresCpuMs: round((1000 * postgres) / measured, 3),
      batches,
    };
  } finally {
    await ds.destroy();
    await store.close();
    await db.end();
    await schema.drop();
  }
}

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await oneRound();
    console.log(
      `round ${i + 1}: ${r.batches} batches of ${BATCH} in ${r.seconds} s (${r.retries} retried); CPU per application: projections ${r.nodeCpuMs} ms, PostgreSQL ${r.postgresCpuMs} ms`,
    );
    rounds.push(r);
  }
  const best = rounds.reduce((a, b) => (a.nodeCpuMs + a.postgresCpuMs <= b.nodeCpuMs + b.postgresCpuMs ? a : b));
  const result = {
    benchmark: 'projections-live',
    at: new Date().toISOString(),
    machine: machineInfo(load0),
    settings: { applications: APPLICATIONS, batch: BATCH, ahead: AHEAD, rounds: ROUNDS, projections: allProjections().map((p) => p.name) },
    rounds,
    best: { ...best, totalCpuMs: round(best.nodeCpuMs + best.postgresCpuMs, 3) },
  };
  console.log(
    'best round, CPU per application: projections %s ms + PostgreSQL %s ms = %s ms (load average %s -> %s)',
    best.nodeCpuMs,
    best.postgresCpuMs,
    result.best.totalCpuMs,
    result.machine.loadAverage1mBefore,
    result.machine.loadAverage1mAfter,
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'projections-live.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
