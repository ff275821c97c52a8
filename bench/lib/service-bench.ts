import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { MinioObjectStorage } from '@adminduk/storage';
import { freePort } from '@adminduk/testing';

/**
 * The pieces the service-against-raw-S3 benchmarks share (documents upload, print and self-print
 * downloads): a service or the S3 server in its own Node process, a fixed number of jobs over N
 * workers, the median of rounds and the results file.
 */

const ROOT = join(__dirname, '..', '..');
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));

export interface StartNodeOptions {
  /** Extra Node flags (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  /** Every line the process prints is appended here too. */
  logFile?: string;
}

/**
 * Runs a TypeScript entry (relative to the repository root) in its own Node process, killed when
 * this one exits; resolves once its output contains `readyText` (at once for ''), rejects if it exits.
 */
export function startNode(script: string, env: Record<string, string>, readyText: string, o: StartNodeOptions = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '-r', '@swc-node/register', script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let ready = readyText === '';
    if (ready) resolve(child);
    const onData = (d: Buffer) => {
      if (o.logFile) writeFileSync(o.logFile, d, { flag: 'a' });
      // Once ready, the output is only drained: collecting every access-log line would cost this process CPU mid-run.
      if (ready) return;
      out = (out + d.toString()).slice(-4000);
      if (out.includes(readyText)) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** The local S3 server (infra/s3-local.ts, s3rver) in its own process, with a fresh bucket and a raw client of it. */
export async function startLocalS3(
  name: string,
): Promise<{ child: ChildProcess; endpoint: string; bucket: string; raw: MinioObjectStorage }> {
  const port = await freePort();
  const child = await startNode(
    'infra/s3-local.ts',
    { S3_LOCAL_PORT: String(port), S3_LOCAL_DIR: join(tmpdir(), `${name}-s3-${randomBytes(3).toString('hex')}`) },
    'listening',
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const bucket = `${name}-${randomBytes(3).toString('hex')}`;
  const raw = new MinioObjectStorage({ endpoint, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket });
  await raw.ensureBucket();
  return { child, endpoint, bucket, raw };
}

/** `total` jobs over `concurrency` workers; returns jobs per second. */
export async function jobsPerSecond(concurrency: number, total: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

/**
 * The client of the service side: node:http over kept-alive connections (`maxSockets` = the
 * concurrency), the kind of client the minio client is on the raw side, so both sides pay alike.
 */
export function keptAliveClient(
  concurrency: number,
): (url: string, headers?: Record<string, string>) => Promise<{ status: number; bytes: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return (url, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        drain(res).then((bytes) => resolve({ status: res.statusCode ?? 0, bytes }), reject);
      });
      req.once('error', reject);
      req.end();
    });
}

/** Bytes read from a stream, reading it to the end. */
export async function drain(body: Readable): Promise<number> {
  let n = 0;
  for await (const c of body) n += (c as Buffer).length;
  return n;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Writes bench/results/<name>.json. */
export function writeResults(name: string, results: object): void {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

/** The printing service in its own process for a download bench: test mode, the test issuer, the local S3. */
export function startPrinting(o: {
  port: number;
  databaseUrl: string;
  issuer: { jwksUrl: string; issuer: string; audience: string };
  s3: { endpoint: string; bucket: string };
  env?: Record<string, string>;
  readyText: string;
  cpuProfileDir?: string;
}): Promise<ChildProcess> {
  const env = {
    ADMINDUK_ENV: 'test',
    PORT: String(o.port),
    DATABASE_URL: o.databaseUrl,
    AUTH_JWKS_URL: o.issuer.jwksUrl,
    AUTH_ISSUER: o.issuer.issuer,
    AUTH_AUDIENCE: o.issuer.audience,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    S3_ENDPOINT: o.s3.endpoint,
    S3_BUCKET: o.s3.bucket,
    ...o.env,
  };
  // A V8 profile of the printing process (summarise with bench/cpu-profile-summary.ts).
  // BENCH_PERF_MAP=1: a map of the JIT's code for Linux perf (`perf record -g -p <pid>`), which, unlike
  // the V8 profiler, does not put a syscall's wait on the JS function that made it (decision 0025).
  const nodeArgs = o.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`]
    : process.env.BENCH_PERF_MAP
      ? ['--perf-basic-prof']
      : [];
  return startNode('services/printing/src/main.ts', env, o.readyText, { nodeArgs });
}

/** Waits until `probe` answers 200 (a service's stores connect in the background), every 100 ms. */
export async function untilServed(what: string, probe: () => Promise<Response>, maxTries: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    const res = await probe().catch(() => undefined);
    await res?.arrayBuffer();
    if (res?.status === 200) return;
    if (tries > maxTries) throw new Error(`${what} (last ${res?.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 where unreadable. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's processes (every backend: other clients of the server count too). */
function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU ms per job of each named process (and this bench's client) over `run`: where a path spends its CPU. */
async function cpuPerJob(processes: Record<string, number>, jobs: number, run: () => Promise<number>) {
  const pids = { ...processes, 'postgres (whole server)': -1 };
  const cpuOf = (pid: number) => (pid === -1 ? postgresPids().reduce((a, p) => a + processCpuMs(p), 0) : processCpuMs(pid));
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuOf(pid)]));
  const client0 = process.cpuUsage();
  const rate = await run();
  const client = process.cpuUsage(client0);
  const perJob: Record<string, number> = { 'bench client': (client.user + client.system) / 1000 / jobs };
  for (const [k, pid] of Object.entries(pids)) perJob[k] = (cpuOf(pid) - before[k]) / jobs;
  return { rate, perJob };
}

/** Collects one round's CPU ms per job of each process. */
function addCpu(into: Record<string, number[]>, perJob: Record<string, number>): void {
  for (const [k, v] of Object.entries(perJob)) (into[k] ??= []).push(v);
}

/**
 * Jobs each side runs before anything is measured (BENCH_WARMUP_JOBS). Node processes (the service,
 * s3rver, this client) reach their optimised code over the first thousands of requests: with 80, the
 * rounds of one run rose by half from first to last on both sides, so the medians measured the JIT
 * as much as the path.
 */
const WARMUP_JOBS = Number(process.env.BENCH_WARMUP_JOBS ?? 1000);

/**
 * The service path against raw S3, same run: both warmed (WARMUP_JOBS each, in two alternating
 * halves), then `rounds` alternating rounds of `total` jobs over `concurrency` workers; medians and their ratio (service / raw). With `processes`
 * (name to pid), also the median CPU milliseconds each process (and the bench client, and the
 * PostgreSQL server) spent per job on either path: absolute rates are noisy on a shared machine,
 * CPU per job much less so.
 */
export async function serviceVersusRaw(o: {
  concurrency: number;
  total: number;
  rounds: number;
  viaService: (i: number) => Promise<void>;
  viaRaw: (i: number) => Promise<void>;
  processes?: Record<string, number | undefined>;
}) {
  for (let half = 0; half < 2; half++) {
    await jobsPerSecond(o.concurrency, WARMUP_JOBS / 2, o.viaService);
    await jobsPerSecond(o.concurrency, WARMUP_JOBS / 2, o.viaRaw);
  }
  const processes = Object.fromEntries(Object.entries(o.processes ?? {}).filter((e): e is [string, number] => e[1] !== undefined));
  const serviceRates: number[] = [];
  const rawRates: number[] = [];
  const serviceCpu: Record<string, number[]> = {};
  const rawCpu: Record<string, number[]> = {};
  const windowFrom = process.hrtime.bigint() / 1000n;
  for (let round = 0; round < o.rounds; round++) {
    const viaService = await cpuPerJob(processes, o.total, () => jobsPerSecond(o.concurrency, o.total, o.viaService));
    serviceRates.push(viaService.rate);
    addCpu(serviceCpu, viaService.perJob);
    const viaRaw = await cpuPerJob(processes, o.total, () => jobsPerSecond(o.concurrency, o.total, o.viaRaw));
    rawRates.push(viaRaw.rate);
    addCpu(rawCpu, viaRaw.perJob);
  }
  const service = median(serviceRates);
  const raw = median(rawRates);
  /** The measured rounds' monotonic window in µs (for bench/cpu-profile-summary.ts). */
  const window = `${windowFrom}-${process.hrtime.bigint() / 1000n}`;
  const medians = (cpu: Record<string, number[]>) => Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, +median(v).toFixed(3)]));
  const cpuMsPerJob = { service: medians(serviceCpu), raw: medians(rawCpu) };
  return { serviceRates, rawRates, service, raw, ratio: service / raw, window, cpuMsPerJob };
}

/** The head every S3 bench's results file starts with. */
export function resultsHead(benchmark: string, concurrency: number) {
  return {
    benchmark,
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    s3Server: 's3rver (separate process)',
    concurrency,
  };
}

/** The service-to-raw verdict (target: at least half of raw S3) and the rounds behind it. */
export function ratioVerdict(m: { ratio: number; serviceRates: number[]; rawRates: number[] }) {
  return {
    ratio: +m.ratio.toFixed(2),
    target: 0.5,
    pass: m.ratio >= 0.5,
    serviceRounds: m.serviceRates.map((r) => +r.toFixed(1)),
    rawRounds: m.rawRates.map((r) => +r.toFixed(1)),
  };
}

/** Runs a bench's main: exit 2 when it crashes (1 is a missed target, which main decides). */
export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(2);
  });
}
