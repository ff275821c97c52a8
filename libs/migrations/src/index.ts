export * from './platform-migrations';
export * from './run-migrations';
export * from './schema-check';
