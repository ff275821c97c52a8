import { Pool, type PoolClient } from 'pg';
import { createPool } from '@adminduk/event-store';
import { createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { PostgresOpenApplications } from './postgres-open-applications';

jest.setTimeout(60000);

const candidate = (n: number) => ({
  applicationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  motherNik: `351512590790${String(n).padStart(4, '0')}`,
  birthDate: '2025-01-02',
  newbornName: 'BAYI UJI',
  submittedAt: '2025-01-03T02:00:00.000Z',
});

/**
 * The duplicate check holds a pooled connection for its transaction. A connection lost while it is
 * held and idle (PostgreSQL restarted: issue 16's fault suite killed intake this way) is an 'error'
 * event on a client pg-pool no longer listens to: unhandled, it ended the process (createPool's pools hear it).
 */
describe('duplicate check when PostgreSQL drops its connection', () => {
  let schema: TestSchema;
  let admin: Pool;

  beforeAll(async () => {
    schema = await createTestSchema('dup_lost');
    const readModels = createReadModelDataSource(schema.url);
    await readModels.initialize(); // the read-model migrations (application_submissions, application_view)
    await readModels.destroy();
    admin = new Pool({ connectionString: schema.url, max: 1 });
  });
  afterAll(async () => {
    await admin?.end();
    await schema?.drop();
  });

  it('fails that submission, keeps the process, and the next one gets a new connection', async () => {
    const pool = createPool({ connectionString: schema.url, max: 2 });
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    let dropped = false;
    // The first checkout loses its server once the check holds it, before its first statement.
    Object.assign(pool, {
      connect: async () => {
        const client = await connect();
        if (dropped) return client;
        dropped = true;
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        Object.assign(client, {
          query: async (...args: unknown[]) => {
            Object.assign(client, { query });
            await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as { processID: number }).processID]);
            await new Promise((r) => setTimeout(r, 500)); // the server's goodbye reaches the idle, held client
            return query(...args);
          },
        });
        return client;
      },
    });
    try {
      const open = new PostgresOpenApplications(pool);
      const submit = async () => ({ result: 'opened', opened: true });
      await expect(open.forSubmission(candidate(1), submit)).rejects.toThrow();
      await expect(open.forSubmission(candidate(2), submit)).resolves.toBe('opened');
    } finally {
      await pool.end();
    }
  });
});
