export * from './envelope/event-envelope';
export * from './envelope/hash-chain';
export * from './event-store.port';
export * from './errors';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export * from './envelope/wire-format';
export * from './command/command-handler';
export * from './command/deterministic-id';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
