import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { comparePositions, type GlobalPosition } from '@adminduk/event-store';
import type { EventLog } from './event-log';
import type { InvariantResult } from './invariants';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A restarted service is ready within this (issue 16). */
export const READY_TARGET_MS = 10_000;

export interface Recovery {
  fault: string;
  /** From the repair (restart, SIGCONT, server back) until every touched service answers ready. */
  readyMs: number;
  /**
   * From ready until the requests the load had in flight at the repair were answered: what the fault
   * held (a paused writer's queue of commands, still within the caller's deadline) worked off. Its
   * events are the backlog too, so the catch-up is counted from here (0 when they were answered by ready).
   */
  heldMs: number;
  /** Events the projections had not applied when the services were ready and the held requests answered. */
  backlog: number;
  /** From then (ready, held requests answered) until the projections applied every event the store held at that moment. */
  caughtUpMs: number;
  /**
   * Of caughtUpMs, until the relay's saved checkpoint had passed those events. The relay saves it
   * every RELAY_CHECKPOINT_INTERVAL_MS (200 ms), so the publish itself may have come up to that much
   * earlier: a diagnostic, not the relay's latency.
   */
  relayedMs: number;
  /**
   * Twice the time the backlog takes to drain: its events at the relay's measured rate, then one trip
   * through relay, bus and projections for the last of them (the calm lag, measured under the same
   * load). The two follow each other, so they add up: the last event is projected a trip after the
   * relay published the ones before it. (Until 3 December the larger of the two was taken, which for
   * a backlog of a few dozen events was a bound on the trip alone.) Counted from ready, every touched
   * service's readiness covers its reconnects (NATS; the relay's only with a live connection for its
   * lock, since issue 16's recovery work).
   */
  caughtUpTargetMs: number;
  /** The calm lag when the fault began (CalmLag): the one trip the target counts. */
  calmLagMs: number;
  /** Only when ready took over half its target: each touched service's readiness answers until ready (libs/testing SupervisedService.notReady). */
  notReady?: Record<string, string[]>;
}

/** The catch-up target of a backlog (Recovery.caughtUpTargetMs): twice its drain at the relay's rate plus one calm trip. */
export const caughtUpTarget = (backlog: number, relayPerSecond: number, calmLagMs: number): number =>
  Math.round(2 * ((backlog * 1000) / Math.max(relayPerSecond, 1) + calmLagMs));

/** Polls until every projection has applied the events the store holds now; returns the backlog and the ms it took. */
export async function catchUp(log: EventLog, timeoutMs = 180_000): Promise<{ backlog: number; ms: number; relayedMs: number }> {
  const started = Date.now();
  let target: GlobalPosition | null | undefined;
  let backlog = 0;
  let relayedMs: number | undefined;
  while (Date.now() - started < timeoutMs) {
    try {
      const p = await log.positions();
      if (target === undefined) {
        target = p.head;
        backlog = await log.eventsBetween(p.projected, target);
      }
      // When the relay had published it all: a late catch-up is then the bus's or the projections'.
      if (relayedMs === undefined && reached(p.relayed, target)) relayedMs = Date.now() - started;
      if (reached(p.projected, target)) return { backlog, ms: Date.now() - started, relayedMs: relayedMs ?? Date.now() - started };
    } catch {
      // PostgreSQL still coming up
    }
    await sleep(50);
  }
  throw new Error(`read models not caught up after ${timeoutMs} ms (${backlog} events behind at the start)`);
}

/**
 * The calm lag: the slowest of the last `window` catch-ups that found events not yet projected while
 * no fault was on (an append's way through relay, bus and projections under the load of the
 * moment). Sampled at the start and again in the quiet between faults, so over a long run each
 * fault's floor is the lag of the minutes around it: once at the start only, a 40-minute soak
 * judged every fault by the load of its first seconds. A sample with nothing behind measures nothing.
 */
export class CalmLag {
  private readonly recent: number[] = [];
  /** Every sample taken, for the summary. */
  samples = 0;

  constructor(
    private readonly log: EventLog,
    private readonly window = 10,
  ) {}

  /** The floor now: the slowest of the recent samples (0 before any). */
  get ms(): number {
    return Math.max(0, ...this.recent);
  }

  /** Samples for `ms` (a catch-up every 150 ms), or until `enough` samples when given first. */
  async sample(ms: number, enough = Infinity): Promise<void> {
    const until = Date.now() + ms;
    for (let taken = 0; Date.now() < until && taken < enough; await sleep(150)) {
      const c = await catchUp(this.log).catch(() => undefined);
      if (!c || c.backlog === 0) continue;
      taken++;
      this.samples++;
      this.recent.push(c.ms);
      this.recent.splice(0, Math.max(0, this.recent.length - this.window));
    }
  }
}

/**
 * The relay's drain rate, measured in this run: the relay held (SIGSTOP) while the load goes on,
 * then the time it takes to publish the backlog. Events per second.
 */
export async function relayRate(
  log: EventLog,
  hold: () => Promise<void>,
  release: () => void,
): Promise<{ backlog: number; perSecond: number }> {
  await hold();
  const p = await log.positions();
  const backlog = await log.eventsBetween(p.relayed, p.head);
  const started = Date.now();
  release();
  while (!reached((await log.positions()).relayed, p.head)) await sleep(20);
  const ms = Math.max(1, Date.now() - started);
  return { backlog, perSecond: (backlog * 1000) / ms };
}

/** A checkpoint at or past the target position (an empty store's null target is reached at once). */
const reached = (checkpoint: GlobalPosition | null, target: GlobalPosition | null): boolean =>
  target === null || (checkpoint !== null && comparePositions(checkpoint, target) >= 0);

export interface RunSummary {
  mode: 'bounded' | 'soak' | 'custom';
  applications: number;
  faults: number;
  /** The services ran compiled (dist/) or from sources. */
  services: 'compiled' | 'sources';
  seconds: number;
  relayRate: { backlog: number; perSecond: number };
  /** The calm lag at the start; each recovery has the one its target used. */
  calmCatchUpMs: number;
  calmSamples: number;
  recoveries: Recovery[];
  invariants: InvariantResult[];
  deadLetters: string[];
  answers: Record<string, number>;
  targetMisses: string[];
}

/** The misses of the recovery targets, as sentences (reported, not asserted: timing on shared CI machines). */
export function targetMisses(recoveries: Recovery[]): string[] {
  return recoveries.flatMap((r) => [
    ...(r.readyMs > READY_TARGET_MS
      ? [`${r.fault}: ready after ${r.readyMs} ms (target ${READY_TARGET_MS} ms), waited for ${JSON.stringify(r.notReady)}`]
      : []),
    ...(r.caughtUpMs > r.caughtUpTargetMs ? [`${r.fault}: caught up after ${r.caughtUpMs} ms (target ${r.caughtUpTargetMs} ms)`] : []),
  ]);
}

export function recoveryTable(recoveries: Recovery[]): string {
  const head = ['fault', 'ready ms', 'held ms', 'backlog', 'relayed ms', 'caught up ms', 'target ms', ''];
  const rows = recoveries.map((r) => [
    r.fault,
    String(r.readyMs),
    String(r.heldMs),
    String(r.backlog),
    String(r.relayedMs),
    String(r.caughtUpMs),
    String(r.caughtUpTargetMs),
    r.readyMs <= READY_TARGET_MS && r.caughtUpMs <= r.caughtUpTargetMs ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** Writes the run's results to .local/test-output/faults/<mode>-<time>.json; returns the path. */
export function writeResults(repoRoot: string, summary: RunSummary): string {
  const dir = path.join(repoRoot, '.local/test-output/faults');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${summary.mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}

/**
 * CPU seconds of this process (the suite: load, S3 and SMTP servers, forwarders) and of its ended
 * children (every service incarnation and nats-server, once stopped), from /proc/self/stat; PostgreSQL
 * runs detached and is not counted. Undefined off Linux.
 */
export function suiteCpu(): { suite: number; children: number } | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime: fields 14-17 of stat(5), in clock ticks (100 a second on Linux).
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { suite: (utime + stime) / 100, children: (cutime + cstime) / 100 };
  } catch {
    return undefined;
  }
}
