import { Client, type Pool } from 'pg';
import { testEnv } from '@adminduk/testing';
import { withHeldClient } from './postgres-held-client';
import { createPool } from './postgres-pool';

describe('withHeldClient', () => {
  let pool: Pool;
  let admin: Client;

  beforeEach(async () => {
    pool = createPool({ connectionString: testEnv.postgresUrl, max: 1 });
    admin = new Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.end();
    await pool.end();
  });

  it('a held connection the server ends (a restart) fails the work, not the process, and the pool goes on', async () => {
    const outcome = withHeldClient(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // The socket closes while no statement runs: pg emits 'error' on the client, which the pool
      // does not listen to while it is held; createPool's pools do (unheard, it would end the process).
      await new Promise((r) => setTimeout(r, 300));
      return client.query('SELECT 1');
    });
    await expect(outcome).rejects.toThrow();
    // The broken client was destroyed, not given back: the pool's single slot connects afresh.
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0].one).toBe(1);
  });

  it('keeps the connection when the work handles its error, and closes it when the work throws', async () => {
    const pidOf = () => withHeldClient(pool, async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const first = await pidOf();
    await withHeldClient(pool, async (c) => c.query('SELECT 1/0').catch(() => null));
    expect(await pidOf()).toBe(first);
    await expect(withHeldClient(pool, (c) => c.query('SELECT 1/0'))).rejects.toThrow(/division by zero/);
    expect(await pidOf()).not.toBe(first);
  });
});
