import { Client } from 'pg';
import { testEnv, uniqueId } from './test-env';

export interface TestSchema {
  schema: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL schema for one suite; `url` selects it through `options=-c search_path`. */
export async function createTestSchema(prefix = 'suite'): Promise<TestSchema> {
  const schema = uniqueId(prefix).toLowerCase();
  const admin = new Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = withSearchPath(testEnv.postgresUrl, schema);
  return {
    schema,
    url,
    async drop() {
      const c = new Client({ connectionString: testEnv.postgresUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
