import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { auditSegment, joinSnapshot, type SegmentTask } from './segment-reader';

/**
 * A verify worker (verify-log.ts): its own connection on the coordinator's snapshot, auditing the
 * segments it is sent, one at a time. The content hashing is the CPU-heavy part of a verify; workers
 * spread it over the machine's cores.
 */
const { databaseUrl, snapshot } = workerData as { databaseUrl: string; snapshot: string };
const db = new Client({ connectionString: databaseUrl, application_name: 'adminduk-audit-worker' });
const ready = db.connect().then(() => joinSnapshot(db, snapshot));

parentPort!.on('message', (task: SegmentTask | 'close') => {
  if (task === 'close') {
    void db.end().finally(() => parentPort!.close());
    return;
  }
  ready
    .then(() => auditSegment(db, task))
    .then(
      (result) => parentPort!.postMessage({ result }, [result.leaves.buffer as ArrayBuffer]),
      (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
    );
});
