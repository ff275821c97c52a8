import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/**
 * Which event store a service opens: KurrentDB/EventStoreDB in production clusters, PostgreSQL on a
 * single machine and in CI. Chosen by EVENT_STORE (postgres | kurrentdb) and, for KurrentDB,
 * EVENTSTOREDB_URL (e.g. "kurrentdb://kurrentdb:2113?tls=true").
 */
export interface EventStoreSettings {
  kind: 'postgres' | 'kurrentdb';
  postgresUrl: string;
  kurrentDbUrl?: string;
  /** PostgreSQL pool size. */
  poolMax?: number;
}

export async function openEventStore(s: EventStoreSettings): Promise<EventStore> {
  if (s.kind === 'kurrentdb') {
    if (!s.kurrentDbUrl) throw new Error('EVENTSTOREDB_URL is required when EVENT_STORE=kurrentdb');
    return KurrentDbEventStore.fromConnectionString(s.kurrentDbUrl);
  }
  return PostgresEventStore.create({ connectionString: s.postgresUrl, max: s.poolMax ?? 10 });
}

/** Reads EVENT_STORE / EVENTSTOREDB_URL; an unknown kind is a start-up error naming the variable. */
export function eventStoreSettingsFromEnv(
  env: Record<string, string | undefined>,
  postgresUrl: string,
  poolMax?: number,
): EventStoreSettings {
  const kind = env.EVENT_STORE ?? 'postgres';
  if (kind !== 'postgres' && kind !== 'kurrentdb') throw new Error(`EVENT_STORE must be postgres or kurrentdb, got "${kind}"`);
  return { kind, postgresUrl, kurrentDbUrl: env.EVENTSTOREDB_URL, poolMax };
}
