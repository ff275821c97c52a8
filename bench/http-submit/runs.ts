import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, httpStatus, ServiceProcess, uniqueId } from '@adminduk/testing';
import { cpuSeconds, until, withCpu, type CpuProbe } from './cpu';
import { CONNECTIONS, LOG_LEVEL, repoRoot, SECONDS, WARMUP_SECONDS, type LoadResult, type PacedResult } from './settings';

/** The load generators, each in its own process, and a measured run (warm-up, then CPU accounting). */

/** Requests sent so far in this process's runs: each run starts its mothers after them. */
let sentSoFar = 0;

/** A load generator (bench/<script>) in its own process; resolves with the JSON line it prints. */
export function runGenerator<T>(script: string, o: object): Promise<T> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, '..', script), JSON.stringify({ ...o, firstMother: sentSoFar })],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`${script} exited ${code}: ${err.trim()}`));
      resolve(JSON.parse(line) as T);
    }),
  );
}

/** Closed loop at saturation: bench/http-load.ts (autocannon). */
export async function runLoad(o: {
  url: string;
  token?: string;
  keyPrefix: string;
  seconds: number;
  connections: number;
}): Promise<LoadResult> {
  const result = await runGenerator<LoadResult>('http-load.ts', o);
  // requests.total counts answered requests; those still in flight at the end were sent too.
  sentSoFar += result.requestsTotal + o.connections;
  return result;
}

/** Open loop at a fixed rate: bench/http-paced-load.ts. */
export async function runPaced(o: {
  url: string;
  token?: string;
  keyPrefix: string;
  seconds: number;
  warmupSeconds: number;
  rate: number;
  connections: number;
}): Promise<PacedResult> {
  const result = await runGenerator<PacedResult>('http-paced-load.ts', o);
  sentSoFar += result.requestsSent + result.warmup.requestsSent;
  return result;
}

/** Warm-up, then the measured run with CPU accounting of the given processes. */
export async function measure(label: string, url: string, token: string | undefined, probesAfterWarmup: () => Promise<CpuProbe>) {
  const key = uniqueId(label).replace(/_/g, '-');
  process.stdout.write(`${label}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at ${CONNECTIONS} connections...\n`);
  const warmup = await runLoad({ url, token, keyPrefix: `${key}-w`, seconds: WARMUP_SECONDS, connections: CONNECTIONS });
  // After the warm-up the connection pools are open, so their database backends can be found.
  const probes = await probesAfterWarmup();
  const run = await withCpu(probes, () => runLoad({ url, token, keyPrefix: `${key}-m`, seconds: SECONDS, connections: CONNECTIONS }));
  // The load generator reports its own CPU (it has exited by now, so /proc no longer has it).
  const cpu = { ...run.cpuSeconds, 'load generator (autocannon)': run.value.cpuSeconds };
  return {
    warmup,
    result: run.value,
    cpuSeconds: cpu,
    machineBusyPercent: run.machineBusyPercent,
    monotonicWindowUs: run.monotonicWindowUs,
  };
}

export async function benchBare(label: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const bare = ServiceProcess.start('bare-nest', 'bench/http-bare-nest.ts', { PORT: String(port), LOG_LEVEL, ...env });
  try {
    await until('the bare Nest app', async () => (await httpStatus(`http://127.0.0.1:${port}/`)) !== 0, 60_000);
    return await measure(label, `http://127.0.0.1:${port}`, undefined, async () => ({ 'bare nest': () => cpuSeconds(bare.child.pid) }));
  } finally {
    await bare.stop();
  }
}
