import { Client } from 'pg';
import { runMigrations } from '@adminduk/migrations';
import { testEnv, uniqueId } from './test-env';

export interface TestSchema {
  schema: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestSchemaOptions {
  /** Apply every migration, as `npm run migrate` does before services start (default). False: an empty schema. */
  migrate?: boolean;
}

/**
 * A fresh PostgreSQL schema for one suite, migrated by the same runner as production (services
 * never create tables); `url` selects it through `options=-c search_path`.
 */
export async function createTestSchema(prefix = 'suite', options: TestSchemaOptions = {}): Promise<TestSchema> {
  const schema = uniqueId(prefix).toLowerCase();
  const admin = new Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = withSearchPath(testEnv.postgresUrl, schema);
  const drop = async () => {
    const c = new Client({ connectionString: testEnv.postgresUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  };
  if (options.migrate !== false) {
    try {
      await runMigrations(url);
    } catch (e) {
      await drop();
      throw e;
    }
  }
  return { schema, url, drop };
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
