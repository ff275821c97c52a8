/**
 * Event-store append benchmark (issue 2, item 11).
 *
 * Single-event appends with an exact expected revision, each worker on its own stream, at
 * concurrency 1, 8 and 32, beside raw single-row INSERT commits (autocommit, a jsonb row of the
 * same payload) into the same PostgreSQL in the same run. The two sides alternate in short slices
 * so that drift (checkpoints, autovacuum, other load) falls on both alike.
 *
 *   node -r @swc-node/register bench/event-store-append.bench.ts
 *
 * Env: BENCH_DATABASE_URL (default: TEST_DATABASE_URL or the local adminduk_test database),
 * BENCH_DURATION_MS per side and concurrency (default 5000), BENCH_CONCURRENCY (default "1,8,32").
 * Writes bench/results/event-store-append.json. Target: appends >= 70% of raw INSERTs at each level.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { runMigrations } from '@adminduk/migrations';
import { PostgresEventStore } from '@adminduk/event-store';
import { sampleEvent as newEvent } from './lib/bench-kit';

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/adminduk_test';
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const TARGET_RATIO = 0.7;
const SLICE_MS = 250;

interface Side {
  ops: number;
  ms: number;
  latencies: number[];
  /** CPU time of this Node process (client side), microseconds. */
  cpuUs: number;
}

/** Runs `workers` loops of `op` until the deadline; counts completed operations. */
async function timed(workers: number, ms: number, op: (worker: number, i: number) => Promise<void>): Promise<Side> {
  const deadline = performance.now() + ms;
  const latencies: number[] = [];
  let ops = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        await op(w, i);
        latencies.push(performance.now() - t0);
        ops++;
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { ops, ms: performance.now() - start, latencies, cpuUs: cpu.user + cpu.system };
}

function merge(a: Side, b: Side): Side {
  return { ops: a.ops + b.ops, ms: a.ms + b.ms, latencies: a.latencies.concat(b.latencies), cpuUs: a.cpuUs + b.cpuUs };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const schema = `bench_es_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${schema}.raw_insert (id bigserial PRIMARY KEY, data jsonb NOT NULL)`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // The schema as production has it: made by the migration runner, never by the store on open.
  await runMigrations(url.toString());

  const results: Array<{
    concurrency: number;
    rawOpsPerSec: number;
    appendOpsPerSec: number;
    ratio: number;
    rawP99Ms: number;
    appendP99Ms: number;
    rawClientCpuUsPerOp: number;
    appendClientCpuUsPerOp: number;
  }> = [];
  try {
    for (const c of levels) {
      const rawPool = new Pool({ connectionString: url.toString(), max: c });
      const store = await PostgresEventStore.create({ connectionString: url.toString(), max: c });
      // Each worker owns a stream that already exists, so every timed append carries an exact revision.
      const streams = Array.from({ length: c }, (_, w) => `bench-${c}-${w}-${randomUUID()}`);
      const heads = streams.map(() => 0);
      await Promise.all(streams.map((s, w) => store.appendToStream(s, [newEvent(w)], 'no_stream')));

      const raw = (ms: number) =>
        timed(c, ms, async (_w, i) => {
          const e = newEvent(i);
          await rawPool.query({
            name: 'raw_insert',
            text: 'INSERT INTO raw_insert (data) VALUES ($1::jsonb)',
            values: [JSON.stringify(e)],
          });
        });
      const append = (ms: number) =>
        timed(c, ms, async (w, i) => {
          const r = await store.appendToStream(streams[w], [newEvent(i)], { revision: heads[w] });
          heads[w] = r.nextExpectedRevision;
        });

      await raw(500); // warm up connections and plans on both sides
      await append(500);
      // Short alternating slices (A-B, B-A, …): load from elsewhere on the machine comes in bursts,
      // and fine interleaving spreads each burst over both sides.
      let rawAll: Side = { ops: 0, ms: 0, latencies: [], cpuUs: 0 };
      let appendSide: Side = { ops: 0, ms: 0, latencies: [], cpuUs: 0 };
      for (let slice = 0; slice < durationMs / SLICE_MS; slice++) {
        if (slice % 2 === 0) {
          rawAll = merge(rawAll, await raw(SLICE_MS));
          appendSide = merge(appendSide, await append(SLICE_MS));
        } else {
          appendSide = merge(appendSide, await append(SLICE_MS));
          rawAll = merge(rawAll, await raw(SLICE_MS));
        }
      }

      const rawRate = rawAll.ops / (rawAll.ms / 1000);
      const appendRate = appendSide.ops / (appendSide.ms / 1000);
      results.push({
        concurrency: c,
        rawOpsPerSec: Math.round(rawRate),
        appendOpsPerSec: Math.round(appendRate),
        ratio: Number((appendRate / rawRate).toFixed(3)),
        rawP99Ms: Number(percentile(rawAll.latencies, 99).toFixed(2)),
        appendP99Ms: Number(percentile(appendSide.latencies, 99).toFixed(2)),
        rawClientCpuUsPerOp: Math.round(rawAll.cpuUs / rawAll.ops),
        appendClientCpuUsPerOp: Math.round(appendSide.cpuUs / appendSide.ops),
      });
      await store.close();
      await rawPool.end();
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }

  console.log(
    '\nEvent-store append vs raw INSERT commits (PostgreSQL %s, %d cores, %d ms per side)\n',
    pgVersion,
    cpus().length,
    durationMs,
  );
  console.table(
    results.map((r) => ({
      concurrency: r.concurrency,
      'raw INSERT ops/s': r.rawOpsPerSec,
      'append ops/s': r.appendOpsPerSec,
      ratio: r.ratio,
      target: `>= ${TARGET_RATIO}`,
      met: r.ratio >= TARGET_RATIO ? 'yes' : 'NO',
      'raw p99 ms': r.rawP99Ms,
      'append p99 ms': r.appendP99Ms,
      'client CPU µs/op raw|append': `${r.rawClientCpuUsPerOp} | ${r.appendClientCpuUsPerOp}`,
    })),
  );
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'event-store-append.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        benchmark: 'event-store-append',
        at: new Date().toISOString(),
        postgres: pgVersion,
        cores: cpus().length,
        durationMsPerSide: durationMs,
        targetRatio: TARGET_RATIO,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`written ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
