export * from './envelope/event-envelope';
export * from './envelope/hash-chain';
export * from './event-store.port';
export * from './errors';
