import type { DataSource } from 'typeorm';
import { PostgresEventStore } from '@adminduk/event-store';
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
