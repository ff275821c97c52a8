import type { KeyObject } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-note';
import { postgresCheckpointStore, type StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import type { Finding } from './finding';
import { LogStitcher, type SegmentPlan } from './log-stitcher';
import { estimatedEventCount } from './postgres-log-reader';
import type { SegmentResult } from './segment-auditor';
import { auditSegment, type SegmentTask } from './segment-reader';

export interface VerifyLogOptions {
  databaseUrl: string;
  /** The keys checkpoints must be signed with; none = the checkpoints' signatures are not checked. */
  publicKeys: readonly KeyObject[];
  streamId?: string;
  /** Global position (commit/prepare): verify from the last checkpoint at or before it. */
  from?: string;
  batchSize?: number;
  /** Worker threads auditing segments side by side (default: the cores, 2 to 4). */
  workers?: number;
  onProgress?: (done: number, estimatedTotal: number) => void;
}

export interface VerifyLogResult {
  events: number;
  checkpoints: number;
  findings: Finding[];
}

/**
 * `adminduk audit verify`: the log cut into segments at the trusted checkpoints, each read and
 * audited by a worker on the coordinator's exported snapshot (so every worker sees the same
 * log), joined in order by the LogStitcher. Connections are read-only whatever the role may do.
 * One stream (--stream) is read and audited in this thread.
 */
export async function verifyLog(o: VerifyLogOptions): Promise<VerifyLogResult> {
  const db = new Client({ connectionString: o.databaseUrl, application_name: 'adminduk-audit' });
  await db.connect();
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const findings: Finding[] = [];
    const checkpoints = o.streamId ? [] : await trustedCheckpoints(db, o.publicKeys, findings);
    const start = o.from ? startingCheckpoint(checkpoints, o.from) : null;
    const stitcher = new LogStitcher(checkpoints, start);
    const total = o.streamId ? 0 : await estimatedEventCount(db);
    const tasks: SegmentTask[] = stitcher.plan.map((p: SegmentPlan) => ({
      index: p.index,
      after: p.after,
      upTo: p.upTo,
      streamId: o.streamId,
      batchSize: o.batchSize,
    }));
    const onResult = (r: SegmentResult) => {
      stitcher.add(r);
      o.onProgress?.(stitcher.count, total);
    };
    const workers = o.workers ?? Math.min(4, Math.max(2, cpus().length));
    if (o.streamId || workers <= 1 || tasks.length === 1) {
      for (const task of tasks) onResult(await auditSegment(db, task));
    } else {
      const { rows } = await db.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      await inWorkers(tasks, Math.min(workers, tasks.length), { databaseUrl: o.databaseUrl, snapshot: rows[0].snapshot }, onResult);
    }
    findings.push(...stitcher.end());
    await db.query('COMMIT');
    return { events: stitcher.count, checkpoints: checkpoints.length, findings };
  } finally {
    await db.end();
  }
}

/** Runs the tasks on `n` workers, handing the results to `onResult` in task order. */
async function inWorkers(
  tasks: readonly SegmentTask[],
  n: number,
  workerData: { databaseUrl: string; snapshot: string },
  onResult: (r: SegmentResult) => void,
): Promise<void> {
  const file = join(__dirname, `segment-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
  // From the sources (tests, a CLI run without a build) the worker compiles TypeScript as the caller does.
  const execArgv = file.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
  // A worker holds a page or two and one segment's streams: a small heap keeps the whole run's memory bounded.
  const resourceLimits = { maxOldGenerationSizeMb: 256 };
  const pool = Array.from({ length: n }, () => new Worker(file, { workerData, execArgv, resourceLimits }));
  const done = new Map<number, SegmentResult>();
  let next = 0;
  let handed = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < tasks.length) w.postMessage(tasks[next++]);
      };
      for (const w of pool) {
        w.on('error', reject);
        w.on('message', (m: { result?: SegmentResult; error?: string }) => {
          if (m.error || !m.result) return reject(new Error(`audit worker: ${m.error}`));
          done.set(m.result.index, m.result);
          // In order; a worker runs ahead at most a few segments (bounded memory).
          for (let r = done.get(handed); r; r = done.get(handed)) {
            done.delete(handed++);
            onResult(r);
          }
          if (handed === tasks.length) resolve();
          else if (next - handed < n * 3) feed(w);
          else setImmediate(() => feed(w));
        });
        feed(w);
      }
    });
  } finally {
    for (const w of pool) w.postMessage('close');
    await Promise.all(pool.map((w) => new Promise((r) => w.once('exit', r))));
  }
}

async function trustedCheckpoints(db: Client, keys: readonly KeyObject[], findings: Finding[]): Promise<StoredCheckpoint[]> {
  const all = await postgresCheckpointStore.all(db);
  if (!keys.length) return all;
  return all.filter((c) => {
    const valid = keys.some((k) => checkpointSignatureValid(c, k));
    if (!valid) {
      findings.push({
        kind: 'checkpoint-signature',
        checkpoint: c.treeSize,
        position: c.position,
        detail: `signature by key ${c.keyId.slice(0, 16)}… does not verify with the trusted keys; the checkpoint is ignored`,
      });
    }
    return valid;
  });
}

function startingCheckpoint(checkpoints: readonly StoredCheckpoint[], from: string): StoredCheckpoint | null {
  const [commit, prepare] = from.split('/').map(BigInt);
  let start: StoredCheckpoint | null = null;
  for (const c of checkpoints) {
    const [cc, cp] = c.position.split('/').map(BigInt);
    if (cc < commit || (cc === commit && cp <= prepare)) start = c;
  }
  return start;
}
