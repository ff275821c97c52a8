import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LOOP_DELAY, resultsDir } from './settings';

/** The per-second samples loop-sampler.js writes in each service (BENCH_LOOP_DELAY=1). */
interface LoopSample {
  atUs: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  gcMajor: number;
  gcMajorMaxMs: number;
  heapMb: number;
}

/** One folder per run (its namespace): <service>-<pid>.jsonl files. */
const dirOf = (ns: string) => path.join(resultsDir, 'loop-delay', ns);

/** The environment that preloads the sampler into a service (nothing unless BENCH_LOOP_DELAY=1). */
export function loopDelayEnv(ns: string): Record<string, string> {
  if (!LOOP_DELAY) return {};
  const preload = path.join(__dirname, 'loop-sampler.js');
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), BENCH_LOOP_DELAY_DIR: dirOf(ns) };
}

/**
 * Per service, over the seconds inside `window` (monotonic µs, from-to): the worst second's loop
 * delay p99 and max, the median second's p99, and the GC pauses (total, longest). Undefined unless sampled.
 */
export function loopDelayIn(ns: string, window: string) {
  if (!LOOP_DELAY || !existsSync(dirOf(ns))) return undefined;
  const [from, to] = window.split('-').map(Number);
  const out: Record<string, object> = {};
  for (const file of readdirSync(dirOf(ns)).sort()) {
    const name = file.replace(/-\d+\.jsonl$/, '');
    const samples = readFileSync(path.join(dirOf(ns), file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LoopSample)
      .filter((s) => s.atUs >= from && s.atUs <= to);
    if (samples.length === 0) continue;
    const p99s = samples.map((s) => s.loopP99).sort((a, b) => a - b);
    out[name] = {
      seconds: samples.length,
      loopP99MedianSecondMs: p99s[Math.floor(p99s.length / 2)],
      loopP99WorstSecondMs: p99s[p99s.length - 1],
      loopMaxMs: Math.max(...samples.map((s) => s.loopMax)),
      gcPauses: samples.reduce((a, s) => a + s.gcCount, 0),
      gcTotalMs: Math.round(samples.reduce((a, s) => a + s.gcMs, 0)),
      gcLongestMs: Math.max(...samples.map((s) => s.gcMaxMs)),
      fullGcs: samples.reduce((a, s) => a + s.gcMajor, 0),
      fullGcLongestMs: Math.max(...samples.map((s) => s.gcMajorMaxMs)),
      heapMbMax: Math.max(...samples.map((s) => s.heapMb)),
    };
  }
  return out;
}
