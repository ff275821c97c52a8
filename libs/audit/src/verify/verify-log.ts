import type { KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-note';
import { postgresCheckpointStore, type StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import { LogAuditor } from './log-auditor';
import type { Finding } from './finding';
import { estimatedEventCount, readLog } from './postgres-log-reader';

export interface VerifyLogOptions {
  databaseUrl: string;
  /** The keys checkpoints must be signed with; none = the checkpoints' signatures are not checked. */
  publicKeys: readonly KeyObject[];
  streamId?: string;
  /** Global position (commit/prepare): verify from the last checkpoint at or before it. */
  from?: string;
  batchSize?: number;
  onProgress?: (done: number, estimatedTotal: number) => void;
}

export interface VerifyLogResult {
  events: number;
  checkpoints: number;
  findings: Finding[];
}

/**
 * `adminduk audit verify`: the whole log (or one stream) read once, in one read-only snapshot,
 * through the LogAuditor. The connection is read-only even when its role could write.
 */
export async function verifyLog(o: VerifyLogOptions): Promise<VerifyLogResult> {
  const db = new Client({ connectionString: o.databaseUrl, application_name: 'adminduk-audit' });
  await db.connect();
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const findings: Finding[] = [];
    const checkpoints = o.streamId ? [] : await trustedCheckpoints(db, o.publicKeys, findings);
    const start = o.from ? startingCheckpoint(checkpoints, o.from) : null;
    const auditor = new LogAuditor(checkpoints, start);
    const total = o.streamId ? 0 : await estimatedEventCount(db);
    for await (const page of readLog(db, { streamId: o.streamId, after: start?.position, batchSize: o.batchSize })) {
      for (const row of page) auditor.event(row);
      o.onProgress?.(auditor.count, total);
    }
    findings.push(...auditor.end());
    await db.query('COMMIT');
    return { events: auditor.count, checkpoints: checkpoints.length, findings };
  } finally {
    await db.end();
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
