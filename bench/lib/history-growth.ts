import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import type { SqlClient } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { round } from './bench-kit';
import { writeResults } from './service-bench';

/**
 * "A query must not grow with history": the same read-model queries over a small and a large
 * generated history, in two migrated schemas of one database, each query's calls alternating
 * between the sizes (small, large, large, small, ...) so the machine's load falls on both alike.
 * The verdict is the ratio of the p99s, not the times. Used by the complaint-view and statistics
 * benches.
 */
export interface HistoryGrowthBench {
  /** The results file (bench/results/<benchmark>.json) and the `benchmark` field. */
  benchmark: string;
  /** Prefix of the two schemas' names (`<prefix>_small`, `<prefix>_large`). */
  schemaPrefix: string;
  /** What the sizes count, for the log ("complaints", "applications"). */
  unit: string;
  sizes: { small: number; large: number };
  rounds: number;
  perRound: number;
  /** p99 large <= targetRatio x p99 small, every query. */
  targetRatio: number;
  /** Fills one schema (pool of one connection) with a history of `size`. */
  generate(db: Pool, size: number, now: Date): Promise<void>;
  /** The queries timed, by name; the same names for both sizes. */
  queries(db: SqlClient, now: Date): Record<string, () => Promise<unknown>>;
  /** The results' fields that describe the data, read while the schemas exist (after the timing). */
  describe(dbs: { small: Pool; large: Pool }): Promise<Record<string, unknown>>;
}

const SIZES = ['small', 'large'] as const;

const percentile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Generates both histories, times the queries, writes the results file; exit code 1 on a missed target. */
export async function runHistoryGrowthBench(o: HistoryGrowthBench): Promise<void> {
  const now = new Date();
  const schemas: TestSchema[] = [];
  const pools: Pool[] = [];
  try {
    const dbs = {} as Record<(typeof SIZES)[number], Pool>;
    const generatedMs: Record<string, number> = {};
    for (const size of SIZES) {
      const schema = await createTestSchema(`${o.schemaPrefix}_${size}`);
      schemas.push(schema);
      const pool = new Pool({ connectionString: schema.url, max: 1 });
      pools.push(pool);
      const t = performance.now();
      await o.generate(pool, o.sizes[size], now);
      generatedMs[size] = round(performance.now() - t, 0);
      dbs[size] = pool;
      console.log(`${size}: ${o.sizes[size]} ${o.unit} generated in ${generatedMs[size]} ms`);
    }
    const perQuery = await timeQueries(o, { small: o.queries(dbs.small, now), large: o.queries(dbs.large, now) });
    const pass = Object.values(perQuery).every((q) => q.pass);
    writeResults(o.benchmark, {
      benchmark: o.benchmark,
      at: now.toISOString(),
      ...(await o.describe(dbs)),
      generatedMs,
      timingsPerQueryAndSize: o.rounds * o.perRound,
      target: `p99 large <= ${o.targetRatio}x p99 small, every query`,
      queries: perQuery,
      pass,
      machine: { cpus: cpus().length, node: process.version, loadAverage1m: round(loadavg()[0], 2) },
    });
    console.table(perQuery);
    console.log(pass ? 'PASS' : 'FAIL: a query grows with history');
    if (!pass) process.exitCode = 1;
  } finally {
    for (const p of pools) await p.end();
    for (const s of schemas) await s.drop();
  }
}

type QuerySet = Record<string, () => Promise<unknown>>;

/**
 * Every call of a query on one size is followed by the same call on the other (which goes first
 * alternates), so a burst of load from other processes falls on both sizes alike: in rounds of 50
 * calls per size, one burst lands on one size's round and moves its p99 alone (queries reading the
 * same rows in both sizes measured p99 ratios from 0.42 to 2.04 that way at load 10).
 */
async function timeQueries(o: HistoryGrowthBench, sets: { small: QuerySet; large: QuerySet }) {
  const timings: Record<string, Record<string, number[]>> = { small: {}, large: {} };
  for (const size of SIZES) for (const q of Object.values(sets[size])) await q(); // warm-up
  for (let r = 0; r < o.rounds; r++) {
    for (const name of Object.keys(sets.small)) {
      for (let i = 0; i < o.perRound; i++) {
        for (const size of i % 2 === 0 ? SIZES : [...SIZES].reverse()) {
          const t = performance.now();
          await sets[size][name]();
          (timings[size][name] ??= []).push(performance.now() - t);
        }
      }
    }
  }
  return Object.fromEntries(
    Object.keys(sets.small).map((name) => {
      const s = timings.small[name];
      const l = timings.large[name];
      const ratio = percentile(l, 0.99) / percentile(s, 0.99);
      return [
        name,
        {
          smallP50Ms: round(percentile(s, 0.5), 3),
          smallP99Ms: round(percentile(s, 0.99), 3),
          largeP50Ms: round(percentile(l, 0.5), 3),
          largeP99Ms: round(percentile(l, 0.99), 3),
          p99Ratio: round(ratio, 2),
          pass: ratio <= o.targetRatio,
        },
      ];
    }),
  );
}
