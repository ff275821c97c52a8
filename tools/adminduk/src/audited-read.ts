import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { RecordedEvent } from '@adminduk/event-store';
import { UsageError } from './args';
import type { StoreAccess } from './access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id an auditor names: an application's or a complaint's (a UUID). */
export function auditedId(positionals: string[]): string {
  const [id, extra] = positionals;
  if (!id || extra !== undefined) throw new UsageError('name one application or complaint id');
  if (!UUID.test(id)) throw new UsageError(`"${id}" is not an application or complaint id (a UUID)`);
  return id;
}

/** The stream the id names (application first, then complaint), read from the store in one snapshot. */
export async function readAuditedStream(access: StoreAccess, id: string): Promise<{ streamId: string; events: RecordedEvent[] }> {
  const [{ auditedStreamIds, readFirstStream }, { Client }] = await Promise.all([import('@adminduk/audit'), import('pg')]);
  const db = new Client({ connectionString: access.databaseUrl, application_name: 'adminduk-history' });
  await db.connect();
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const found = await readFirstStream(db, auditedStreamIds(id));
    await db.query('COMMIT');
    if (!found) throw new Error(`no application or complaint ${id} in the store`);
    return found;
  } finally {
    await db.end();
  }
}

/**
 * A folded state shows the family's personal data, so reading one is recorded on the application's
 * access stream before it is shown (decision 0016, view kind 'history'; fail closed: nothing is shown
 * when the record cannot be written). Complaints have no access stream; their reporter's identity
 * is the complaints service's to guard.
 */
export async function recordStateRead(access: StoreAccess, streamId: string, id: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!streamId.startsWith('application-')) return;
  const [{ AccessLogRecorder, systemClock }, { PostgresEventStore }] = await Promise.all([
    import('@adminduk/application-commands'),
    import('@adminduk/event-store'),
  ]);
  const store = await PostgresEventStore.create({ connectionString: access.databaseUrl, max: 1 });
  try {
    const userId = env.ADMINDUK_AUDITOR_ID ?? `cli:${userInfo().username}`;
    await new AccessLogRecorder(store, systemClock).record({ userId, role: 'auditor' }, id, undefined, { kind: 'history' }, randomUUID());
  } catch (e) {
    throw new Error(
      `the read could not be recorded in the access log, so nothing is shown (${e instanceof Error ? e.message : String(e)})`,
    );
  } finally {
    await store.close();
  }
}
