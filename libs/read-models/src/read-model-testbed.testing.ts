import type { DataSource } from 'typeorm';
import { PostgresEventStore, comparePositions, positionFromString, positionToString } from '@adminduk/event-store';
import { catchUpInTransaction, type Projection } from './checkpoint/apply-in-transaction';
import type { CatchUpResult, GlobalEventSource } from './checkpoint/fold-store';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { createReadModelDataSource } from './data-source';

/**
 * What a read-model integration test runs on: a fresh migrated schema, an event store and a
 * read-model DataSource on it. Test support only (not in the `readModelsTesting` export, which
 * production code may load): specs import this file directly.
 */
export interface ReadModelTestbed {
  schema: TestSchema;
  store: PostgresEventStore;
  ds: DataSource;
}

export async function openReadModelTestbed(name: string): Promise<ReadModelTestbed> {
  const schema = await createTestSchema(name);
  const store = await PostgresEventStore.create({ connectionString: schema.url });
  const ds = await createReadModelDataSource(schema.url).initialize();
  return { schema, store, ds };
}

/** Closes what was opened, in reverse order; parts left undefined (a failed beforeAll) are skipped. */
export async function closeReadModelTestbed(bed: Partial<ReadModelTestbed>): Promise<void> {
  await bed.ds?.destroy();
  await bed.store?.close();
  await bed.schema?.drop();
}

/**
 * Folds `projection` up to everything committed when called. `catchUpInTransaction(..., 'end')`
 * alone may stop short: the store shows no event committed after the oldest transaction still
 * appending to it (decision 0028; before it, any transaction on the server counted, and suites
 * running beside this one stopped it). So: read the committed head, then fold until it is reached.
 */
export async function catchUpToHead(
  ds: DataSource,
  projection: Projection | Projection[],
  store: GlobalEventSource,
  maxPerTransaction?: number,
  timeoutMs = 20_000,
): Promise<CatchUpResult> {
  const rows: Array<{ head: string }> = await ds.query(
    `SELECT transaction_id::text || '/' || position::text AS head FROM es_events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
  );
  const deadline = Date.now() + timeoutMs;
  let applied = 0;
  for (;;) {
    const r = await catchUpInTransaction(ds, projection, store, 'end', maxPerTransaction);
    applied += r.applied;
    if (!rows[0] || comparePositions(r.checkpoint, positionFromString(rows[0].head)) >= 0) return { ...r, applied };
    if (Date.now() > deadline) throw new Error(`catch-up stopped at ${positionToString(r.checkpoint)}, before the head ${rows[0].head}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
