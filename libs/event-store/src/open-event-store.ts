import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/**
 * Which event store a service opens: KurrentDB/EventStoreDB in production clusters, PostgreSQL on a
 * single machine and in CI. Chosen by EVENT_STORE (postgres | kurrentdb) and, for KurrentDB,
 * EVENTSTOREDB_URL (e.g. "kurrentdb://kurrentdb:2113?tls=true"), validated with the rest of the
 * service's config at start-up (libs/config `eventStoreEnv`).
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

/** The event-store choice of a service's validated config (libs/config `eventStoreEnv`); absent = postgres. */
export interface EventStoreChoice {
  EVENT_STORE?: 'postgres' | 'kurrentdb';
  EVENTSTOREDB_URL?: string;
}

/** The settings a service opens its event store with: its config's choice, its database, its pool size. */
export function eventStoreSettings(choice: EventStoreChoice, postgresUrl: string, poolMax?: number): EventStoreSettings {
  return { kind: choice.EVENT_STORE ?? 'postgres', postgresUrl, kurrentDbUrl: choice.EVENTSTOREDB_URL, poolMax };
}
