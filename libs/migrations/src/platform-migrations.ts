import type { MigrationInterface } from 'typeorm';
import { AUDIT_MIGRATIONS } from '@adminduk/audit/migrations';
import { NOTIFICATIONS_MIGRATIONS } from '@adminduk/notifications/migrations';
import { READ_MODEL_MIGRATIONS } from '@adminduk/read-models/migrations';
import { EventStore1765350000000 } from './platform/1765350000000-event-store';
import { Sequences1765350000001 } from './platform/1765350000001-sequences';
import { RelayCheckpoint1765350000002 } from './platform/1765350000002-relay-checkpoint';
import { Documents1765350000003 } from './platform/1765350000003-documents';
import { StoreFrontier1765350000004 } from './platform/1765350000004-store-frontier';
import { ContentHashV21765350000005 } from './platform/1765350000005-content-hash-v2';
import { AppendGuardFastPath1765350000006 } from './platform/1765350000006-append-guard-fast-path';
import { FrontierByTableLock1765350000007 } from './platform/1765350000007-frontier-by-table-lock';

export type MigrationClass = new () => MigrationInterface;

/** The TypeORM migrations table: the one record of what has been applied (read models already used it). */
export const MIGRATIONS_TABLE = 'migrations';

/** The event store's and the services' own tables (read models keep theirs in libs/read-models). */
export const PLATFORM_MIGRATIONS: MigrationClass[] = [
  EventStore1765350000000,
  Sequences1765350000001,
  RelayCheckpoint1765350000002,
  Documents1765350000003,
  StoreFrontier1765350000004,
  ContentHashV21765350000005,
  AppendGuardFastPath1765350000006,
  FrontierByTableLock1765350000007,
];

/** The lists owned elsewhere: a lib that keeps its table's migration beside its code exports it. */
const OWNED_MIGRATIONS: readonly (readonly MigrationClass[])[] = [READ_MODEL_MIGRATIONS, NOTIFICATIONS_MIGRATIONS, AUDIT_MIGRATIONS];

/**
 * Every migration of the platform database, oldest first. TypeORM orders them by the timestamp
 * that ends each class name; a migration added to one of the owned lists is picked up here.
 */
export function allMigrations(): MigrationClass[] {
  return [...PLATFORM_MIGRATIONS, ...OWNED_MIGRATIONS.flat()].sort((a, b) => timestampOf(a) - timestampOf(b));
}

/** The name TypeORM records in the migrations table. */
export function migrationName(m: MigrationClass): string {
  return new m().name ?? m.name;
}

function timestampOf(m: MigrationClass): number {
  return Number(/(\d{13})$/.exec(migrationName(m))?.[1] ?? 0);
}
