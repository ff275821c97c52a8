// What a service runs at start-up (is the schema migrated?), without the TypeORM runner that applies migrations.
export * from '../schema-check';
