import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Client } from 'pg';
import { testEnv } from '@adminduk/testing';
import { round } from '../lib/bench-kit';
import { cpuSeconds } from '../lib/process-cpu';

/** CPU accounting from /proc: per process, per PostgreSQL backend serving a service, the whole machine. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export { cpuSeconds };

/** Summed CPU seconds of every process with this command name (postgres backends, nats-server). */
export function cpuSecondsByName(comm: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) total += cpuSeconds(Number(pid)) ?? 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Local TCP ports of a process's sockets (from its fds and /proc/net/tcp{,6}). */
export function localPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // fd closed meanwhile
      }
    }
  } catch {
    return new Set();
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && inodes.has(f[9])) ports.add(parseInt(f[1].split(':')[1], 16));
    }
  }
  return ports;
}

/**
 * PostgreSQL CPU spent for each service: the backends serving the connections its process holds
 * (other work on the server is not counted). Pools open and close connections as the load changes
 * (an idle one closes after 10 s), so the backends are looked up every half second until stop();
 * one found later counts from zero (its start-up is work done for the service), one that ended
 * counts with its last reading.
 */
export class PostgresCpuByService {
  private readonly owner = new Map<number, string>();
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly db = new Client({ connectionString: testEnv.postgresUrl });
  private started = false;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(private readonly services: Record<string, number>) {}

  async start(): Promise<void> {
    await this.db.connect();
    await this.poll();
    this.started = true;
    this.polling = (async () => {
      while (!this.stopped) {
        await sleep(500);
        await this.poll().catch(() => undefined);
      }
    })();
  }

  /** Backends found so far, for the report. */
  get backends(): number {
    return this.owner.size;
  }

  probe(service: string): () => number {
    return () => {
      let total = 0;
      for (const [pid, name] of this.owner) {
        if (name !== service) continue;
        const now = cpuSeconds(pid); // read now, not at the last poll
        if (now !== null) this.last.set(pid, now);
        total += (this.last.get(pid) ?? 0) - (this.first.get(pid) ?? 0);
      }
      return total;
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.polling;
    await this.poll().catch(() => undefined);
    await this.db.end();
  }

  private async poll(): Promise<void> {
    const { rows } = await this.db.query<{ pid: number; client_port: number }>(
      `SELECT pid, client_port FROM pg_stat_activity WHERE client_port IS NOT NULL`,
    );
    const byPort = new Map(rows.map((r) => [r.client_port, r.pid]));
    for (const [service, pid] of Object.entries(this.services)) {
      for (const port of localPortsOf(pid)) {
        const backend = byPort.get(port);
        if (backend === undefined || this.owner.has(backend)) continue;
        const now = cpuSeconds(backend);
        if (now === null) continue;
        this.owner.set(backend, service);
        this.first.set(backend, this.started ? 0 : now);
      }
    }
    for (const backend of this.owner.keys()) {
      const now = cpuSeconds(backend);
      if (now !== null) this.last.set(backend, now);
    }
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export type CpuProbe = Record<string, () => number | null>;

/** Runs fn, reporting the CPU seconds each probe spent meanwhile and the machine's busy share. */
export async function withCpu<T>(
  probes: CpuProbe,
  fn: () => Promise<T>,
): Promise<{ value: T; cpuSeconds: Record<string, number | null>; machineBusyPercent: number; monotonicWindowUs: string }> {
  const before = Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p()]));
  const m0 = machineJiffies();
  const fromUs = process.hrtime.bigint() / 1000n;
  const value = await fn();
  const toUs = process.hrtime.bigint() / 1000n;
  const m1 = machineJiffies();
  const cpu: Record<string, number | null> = {};
  for (const [k, p] of Object.entries(probes)) {
    const a = before[k];
    const b = p();
    cpu[k] = a === null || b === null ? null : round(b - a, 2);
  }
  return {
    value,
    cpuSeconds: cpu,
    machineBusyPercent: round((100 * (m1.busy - m0.busy)) / (m1.total - m0.total), 1),
    monotonicWindowUs: `${fromUs}-${toUs}`,
  };
}
