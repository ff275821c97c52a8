import type { KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-note';
import { postgresCheckpointStore, type StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import { contentSuspects, hasHashV2, linkSuspects, recheckStreams } from './chain-scan';
import type { Finding } from './finding';
import { segmentLeaves, segmentRefs } from './leaf-reader';
import { LogStitcher } from './log-stitcher';
import { estimatedEventCount } from './postgres-log-reader';

export interface VerifyLogOptions {
  databaseUrl: string;
  /** The keys checkpoints must be signed with; none = the checkpoints' signatures are not checked. */
  publicKeys: readonly KeyObject[];
  streamId?: string;
  /** Global position (commit/prepare): verify from the last checkpoint at or before it. */
  from?: string;
  /** PostgreSQL parallel workers per scan (max_parallel_workers_per_gather; default: the server's). */
  workers?: number;
  onProgress?: (done: number, estimatedTotal: number) => void;
}

export interface VerifyLogResult {
  events: number;
  checkpoints: number;
  findings: Finding[];
}

/**
 * `adminduk audit verify` (decision 0029): three read-only connections on one exported snapshot,
 * side by side: the content scan and the link scan (chain-scan.ts: PostgreSQL hashes, only the
 * suspect streams' ids come back) and the Merkle leaves segment by segment, folded here against
 * each trusted checkpoint (LogStitcher). Then the suspect streams are read and checked event by
 * event, which names every finding. One stream (--stream) is checked on one connection, without
 * checkpoints.
 */
export async function verifyLog(o: VerifyLogOptions): Promise<VerifyLogResult> {
  const db = await readOnly(o, 'adminduk-audit');
  const helpers: Client[] = [];
  try {
    const findings: Finding[] = [];
    const checkpoints = o.streamId ? [] : await trustedCheckpoints(db, o.publicKeys, findings);
    const start = o.from ? startingCheckpoint(checkpoints, o.from) : null;
    const scope = { after: start?.position ?? null, streamId: o.streamId };
    const v2 = await hasHashV2(db);
    let events: number;
    let suspects: string[][];
    const stitcher = new LogStitcher(checkpoints, start);
    if (o.streamId) {
      suspects = [await contentSuspects(db, scope, v2), await linkSuspects(db, scope)];
      events = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM es_events WHERE stream_id = $1', [o.streamId])).rows[0].n);
      stitcher.add({ count: 0, leaves: Buffer.alloc(0) }); // no checkpoints: the one segment, without leaves
    } else {
      const { rows } = await db.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      for (const name of ['adminduk-audit-content', 'adminduk-audit-links']) helpers.push(await readOnly(o, name, rows[0].snapshot));
      const total = await estimatedEventCount(db);
      [suspects] = await Promise.all([
        Promise.all([contentSuspects(helpers[0], scope, v2), linkSuspects(helpers[1], scope)]),
        foldLeaves(db, stitcher, (done) => o.onProgress?.(done, total)),
      ]);
      events = stitcher.count;
    }
    const chain = await recheckStreams(db, [...new Set(suspects.flat())].sort(), scope, v2);
    findings.push(...stitcher.end(chain));
    await db.query('COMMIT');
    return { events, checkpoints: checkpoints.length, findings };
  } finally {
    await Promise.all([db, ...helpers].map((c) => c.end()));
  }
}

/** Each segment's leaves, read while the previous one is folded. */
async function foldLeaves(db: Client, stitcher: LogStitcher, onProgress: (done: number) => void): Promise<void> {
  const plan = stitcher.plan;
  let next = segmentLeaves(db, plan[0]);
  for (let i = 0; i < plan.length; i++) {
    const segment = await next;
    if (stitcher.add(segment)) stitcher.nameInserted(await segmentRefs(db, plan[i]));
    if (i + 1 < plan.length) next = segmentLeaves(db, plan[i + 1]);
    onProgress(stitcher.count);
  }
}

/** A connection in a read-only snapshot (the coordinator's own, or `snapshot` it exported), whatever the role may do. */
async function readOnly(o: VerifyLogOptions, name: string, snapshot?: string): Promise<Client> {
  const db = new Client({ connectionString: o.databaseUrl, application_name: name });
  await db.connect();
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (snapshot) {
      if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`not a snapshot id: ${snapshot}`);
      await db.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    }
    // The link scan sorts one narrow row an event; JIT compiles for longer than it saves on these plans.
    await db.query(`SET LOCAL work_mem = '128MB'`);
    await db.query('SET LOCAL jit = off');
    if (o.workers !== undefined) await db.query(`SET LOCAL max_parallel_workers_per_gather = ${Math.max(0, Math.floor(o.workers))}`);
    return db;
  } catch (e) {
    await db.end();
    throw e;
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
