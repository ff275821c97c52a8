export * from './test-env';
export * from './postgres-schema';
export * from './skip';
export * from './service-process';
export * from './test-rate-limits';
export * from './process-supervisor';
export * from './own-postgres';
export * from './own-bus';
