export * from './test-env';
export * from './postgres-schema';
export * from './skip';
export * from './service-process';
export * from './test-rate-limits';
