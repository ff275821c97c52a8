// The duplicate check's records and queries (plain SQL through pg): what the command side needs of
// the read models, without the TypeORM entities the rest of the lib loads.
export * from '../application-submissions/mother-nik-hash';
export * from '../application-submissions/application-submissions.queries';
