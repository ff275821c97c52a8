/**
 * Run as its own OS process by in-place-rebuild.int.spec.ts: the in-place rebuild of the application
 * view (catchUpInTransaction 'end' with growing slices and the projection's session), killed with
 * SIGKILL inside its third slice, after the session wrote that slice's rows and before the commit.
 *
 *   DATABASE_URL=... node -r @swc-node/register libs/read-models/src/rebuild/crash-mid-rebuild.testing.ts
 */
import type { EntityManager } from 'typeorm';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { catchUpInTransaction } from '../checkpoint/apply-in-transaction';
import { createReadModelDataSource } from '../data-source';

export const CRASH_SLICE = { first: 50, growTo: 200 };
export const CRASH_AT_FLUSH = 3;

let flushes = 0;

class CrashingApplicationView extends ApplicationViewProjection {
  override forRebuild(): ApplicationViewProjection {
    return new CrashingApplicationView(new Map());
  }

  override async flush(em: EntityManager): Promise<void> {
    await super.flush(em);
    // The rows are written in the open transaction; the checkpoint has not moved yet.
    if (++flushes === CRASH_AT_FLUSH) process.kill(process.pid, 'SIGKILL');
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const store = await PostgresEventStore.create({ connectionString: url });
  const ds = await createReadModelDataSource(url).initialize();
  await catchUpInTransaction(ds, new CrashingApplicationView(), store, 'end', CRASH_SLICE.first, { growTo: CRASH_SLICE.growTo });
  // Not reached when the store holds more than two slices.
  await ds.destroy();
  await store.close();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(2);
  });
}
