import type { ClientBase } from 'pg';
import { readLog } from './postgres-log-reader';
import { SegmentAuditor, type SegmentResult } from './segment-auditor';

export interface SegmentTask {
  index: number;
  after: string | null;
  upTo: string | null;
  streamId?: string;
  batchSize?: number;
}

/** Reads one segment of the log and audits it (in a worker, or in the caller for one stream). */
export async function auditSegment(db: ClientBase, task: SegmentTask): Promise<SegmentResult> {
  const auditor = new SegmentAuditor();
  for await (const page of readLog(db, { after: task.after, upTo: task.upTo, streamId: task.streamId, batchSize: task.batchSize })) {
    for (const row of page) auditor.event(row);
  }
  return auditor.result(task.index);
}

/** Opens a read-only transaction on the snapshot `snapshot` (pg_export_snapshot of the coordinator). */
export async function joinSnapshot(db: ClientBase, snapshot: string): Promise<void> {
  if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`not a snapshot id: ${snapshot}`);
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await db.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
}
