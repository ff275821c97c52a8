/**
 * Domain fold benchmark (issue 3, target: folding a 50-event application stream, p99 <= 1 ms).
 *
 * Builds a realistic 50-event KK application stream by running real commands (online submission,
 * uploads, several correction rounds, verification, NIK, TTE, print, self-print link, collection),
 * round-trips it through JSON as a store would hand it over, then folds it with `evolve` many times
 * and reports the latency distribution of one whole fold.
 *
 *   node -r @swc-node/register bench/domain-fold.bench.ts
 *
 * Env: BENCH_FOLDS (default 100000), BENCH_WARMUP (default 20000).
 * Writes bench/results/domain-fold.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fromWib } from '@adminduk/calendar';
import { decide, domainTesting, evolve, initialState, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';

const FOLDS = Number(process.env.BENCH_FOLDS ?? 100_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20_000);
const TARGET_P99_MS = 1;
const STREAM_LENGTH = 50;

function buildStream(): ApplicationEvent[] {
  const { KkScenario, actors } = domainTesting;
  const s = new KkScenario('daring-mandiri', fromWib(2025, 2, 3, 8), 5 * 60_000);
  s.submit({ memilikiIjazah: true }).uploadAll().upload('ijazah');
  const flaggable = [
    'kartu-keluarga',
    'surat-kelahiran',
    'ktp-el-orang-tua',
    'buku-nikah-akta-perkawinan',
    'surat-pengantar-rt-rw',
    'ijazah',
  ];
  for (const requirementId of flaggable) {
    if (s.events.length >= STREAM_LENGTH - 16) break;
    s.reject(requirementId, 'Hasil scan tidak terbaca').requestCorrection().upload(requirementId);
    s.run({ type: 'SubmitCorrection', actor: actors.applicant, data: {} });
  }
  s.acceptAll().verify().assignNik().sign().print();
  s.run({ type: 'IssueSelfPrintLink', actor: actors.system, data: { linkId: linkIdOf(0), expiresAt: '2025-03-31T00:00:00.000Z' } });
  while (s.events.length < STREAM_LENGTH - 1) {
    s.run({
      type: 'IssueSelfPrintLink',
      actor: actors.system,
      data: { linkId: linkIdOf(s.events.length), expiresAt: '2025-03-31T00:00:00.000Z' },
    });
  }
  s.run({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik: '3515121203880001' } });
  return s.events;
}

/** Self-print link ids are UUIDs (they travel in the link's token). */
function linkIdOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function fold(events: readonly ApplicationEvent[]): ApplicationState {
  let state = initialState();
  for (const e of events) state = evolve(state, e);
  return state;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function main(): void {
  const built = buildStream();
  if (built.length !== STREAM_LENGTH) throw new Error(`stream has ${built.length} events, expected ${STREAM_LENGTH}`);
  // As read from the store: plain JSON objects.
  const events = JSON.parse(JSON.stringify(built)) as ApplicationEvent[];
  const final = fold(events);
  if (final.status !== 'collected') throw new Error(`stream did not fold to collected: ${final.status}`);

  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += fold(events).version;
  const samples = new Float64Array(FOLDS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < FOLDS; i++) {
    const t0 = process.hrtime.bigint();
    sink += fold(events).version;
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  // Wall-clock samples include time the OS gave to other processes. On a shared 2-core machine
  // that dominates the tail, so also measure the CPU time this process spent, per batch of folds.
  const BATCH = 20;
  const cpuSamples = new Float64Array(Math.floor(FOLDS / BATCH));
  for (let b = 0; b < cpuSamples.length; b++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < BATCH; i++) sink += fold(events).version;
    const c = process.cpuUsage(c0);
    cpuSamples[b] = (c.user + c.system) / 1000 / BATCH;
  }
  cpuSamples.sort();
  // A decide on the folded state, for scale (what a command handler does after the fold).
  const decideStart = process.hrtime.bigint();
  const preCollection = fold(events.slice(0, -1));
  for (let i = 0; i < 10_000; i++) {
    sink += decide(
      { type: 'RecordCollection', actor: domainTesting.actors.operator, data: { collectorNik: '3515121203880001' } },
      preCollection,
      { now: new Date('2025-02-20T03:00:00Z') },
    ).length;
  }
  const decideUs = Number(process.hrtime.bigint() - decideStart) / 1e3 / 10_000;
  samples.sort();

  const result = {
    benchmark: 'domain-fold',
    streamLength: events.length,
    eventTypes: [...new Set(events.map((e) => e.type))].length,
    folds: FOLDS,
    warmup: WARMUP,
    p50Ms: percentile(samples, 50),
    p90Ms: percentile(samples, 90),
    p99Ms: percentile(samples, 99),
    p999Ms: percentile(samples, 99.9),
    maxMs: samples[samples.length - 1],
    meanMs: totalMs / FOLDS,
    foldsPerSecond: Math.round(FOLDS / (totalMs / 1000)),
    decideAfterFoldUs: Math.round(decideUs * 100) / 100,
    targetP99Ms: TARGET_P99_MS,
    cpuPerFold: {
      batch: BATCH,
      p50Ms: percentile(cpuSamples, 50),
      p99Ms: percentile(cpuSamples, 99),
      maxMs: cpuSamples[cpuSamples.length - 1],
    },
    pass: percentile(samples, 99) <= TARGET_P99_MS,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverage1m: loadavg()[0] },
    at: new Date().toISOString(),
    sink: sink > 0,
  };
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.table({
    'fold 50 events (wall clock)': {
      p50: us(result.p50Ms),
      p90: us(result.p90Ms),
      p99: us(result.p99Ms),
      'p99.9': us(result.p999Ms),
      max: us(result.maxMs),
      'folds/s': result.foldsPerSecond,
    },
    [`fold 50 events (CPU, batches of ${BATCH})`]: {
      p50: us(result.cpuPerFold.p50Ms),
      p90: '',
      p99: us(result.cpuPerFold.p99Ms),
      'p99.9': '',
      max: us(result.cpuPerFold.maxMs),
      'folds/s': '',
    },
  });
  if (loadavg()[0] > cpus().length)
    console.log(`note: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; the wall-clock tail is mostly waiting for a CPU`);
  console.log(`decide after fold: ${result.decideAfterFoldUs} µs; target p99 <= ${TARGET_P99_MS} ms: ${result.pass ? 'PASS' : 'FAIL'}`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'domain-fold.json'), JSON.stringify(result, null, 2) + '\n');
}

main();
