import path from 'node:path';

/** The benchmark's settings (BENCH_* variables, see http-submit.bench.ts) and its runs' result shapes. */

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 24);
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
export const CPU_PROF = !!process.env.BENCH_CPU_PROF && process.env.BENCH_CPU_PROF !== '0';
export const BOOTSTRAP_BASELINE = process.env.BENCH_BOOTSTRAP_BASELINE !== '0';
/** BENCH_LOOP_DELAY=1: each service's event-loop delay and GC pauses, second by second (loop-sampler.js). */
export const LOOP_DELAY = process.env.BENCH_LOOP_DELAY === '1';
export const TARGET_RATE = 300;
export const TARGET_P99_MS = 100;
/** The sustained run's answered rate may fall this much short of the target: its last answers come a response time after the window. */
export const SUSTAINED_RATE_SHARE = 0.98;
export const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? TARGET_RATE);
export const PACED_CONNECTIONS = Number(process.env.BENCH_PACED_CONNECTIONS ?? 64);
/** The platform is warm from the saturation runs: this only warms the paced generator and its sockets. */
export const PACED_WARMUP_SECONDS = Math.min(WARMUP_SECONDS, 3);
export const repoRoot = path.resolve(__dirname, '../..');
export const resultsDir = path.join(__dirname, '..', 'results');

export interface LoadResult {
  seconds: number;
  connections: number;
  requestsTotal: number;
  requestsPerSecondMean: number;
  requestsPerSecondMin: number;
  okPerSecond: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, { count: number }>;
  latencyMs: { mean: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  cpuSeconds: number;
}

/** bench/http-paced-load.ts's measurements: LoadResult plus what only an open loop has. */
export interface PacedResult extends LoadResult {
  offeredRate: number;
  /** Requests that were due while every connection was busy, so went out late. */
  lateStarts: number;
  requestsSent: number;
  warmup: { seconds: number; requestsSent: number; ok2xx: number; non2xx: number; errors: number; timeouts: number; lateStarts: number };
}

/** Services whose CPU profiles are written: BENCH_CPU_PROF=1 for those on the request path, or a list. */
export const PROFILED = CPU_PROF
  ? process.env.BENCH_CPU_PROF === '1'
    ? ['gateway', 'intake']
    : process.env.BENCH_CPU_PROF!.split(',')
  : [];
