// The audit checkpoints' schema migration, for libs/migrations: without the rest of the lib.
export { AUDIT_MIGRATIONS } from '../migrations/1766522000000-audit-checkpoints';
