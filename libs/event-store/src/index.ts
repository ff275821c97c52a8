export * from './envelope/event-envelope';
export * from './envelope/hash-chain';
export * from './event-store.port';
export * from './errors';
export * from './command/command-handler';
export * from './command/deterministic-id';
export * from './envelope/wire-format';
