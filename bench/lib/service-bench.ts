import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
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
  const nodeArgs = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
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

/**
 * The service path against raw S3, same run: both warmed (80 jobs), then `rounds` alternating rounds of
 * `total` jobs over `concurrency` workers; medians and their ratio (service / raw).
 */
export async function serviceVersusRaw(o: {
  concurrency: number;
  total: number;
  rounds: number;
  viaService: (i: number) => Promise<void>;
  viaRaw: (i: number) => Promise<void>;
}) {
  await jobsPerSecond(o.concurrency, 80, o.viaService);
  await jobsPerSecond(o.concurrency, 80, o.viaRaw);
  const serviceRates: number[] = [];
  const rawRates: number[] = [];
  const windowFrom = process.hrtime.bigint() / 1000n;
  for (let round = 0; round < o.rounds; round++) {
    serviceRates.push(await jobsPerSecond(o.concurrency, o.total, o.viaService));
    rawRates.push(await jobsPerSecond(o.concurrency, o.total, o.viaRaw));
  }
  const service = median(serviceRates);
  const raw = median(rawRates);
  /** The measured rounds' monotonic window in µs (for bench/cpu-profile-summary.ts). */
  const window = `${windowFrom}-${process.hrtime.bigint() / 1000n}`;
  return { serviceRates, rawRates, service, raw, ratio: service / raw, window };
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
