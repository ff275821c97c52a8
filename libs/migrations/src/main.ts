import { loadConfig, postgresUrl, z } from '@adminduk/config';
import { createLogger } from '@adminduk/observability';
import { runMigrations } from './run-migrations';

/**
 * `npm run migrate`: the one step that changes the database schema, run before the services
 * start (infra/start.sh, infra/test.sh; in Kubernetes a Job before the rollout). Exits 0 when the
 * schema is up to date, 1 (with one line saying why) when it could not be brought there.
 */
async function main(): Promise<void> {
  const config = loadConfig(
    z.object({ DATABASE_URL: postgresUrl(), LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info') }),
  );
  const logger = createLogger({ service: 'migrate', level: config.LOG_LEVEL });
  const run = await runMigrations(config.DATABASE_URL);
  logger.info(
    { schema: run.schema, applied: run.applied },
    run.applied.length ? `applied ${run.applied.length} migration(s)` : 'schema up to date',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`migrate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
