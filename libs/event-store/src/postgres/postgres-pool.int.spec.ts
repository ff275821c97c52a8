import { Client } from 'pg';
import { testEnv } from '@adminduk/testing';
import { createPool } from './postgres-pool';

describe('createPool', () => {
  it('a checked-out connection the server ends (a restart) fails its next statement, not the process; the pool goes on', async () => {
    const pool = createPool({ connectionString: testEnv.postgresUrl, max: 1 });
    const admin = new Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
    try {
      // Checked out and between statements: pg-pool does not listen to it now.
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // The server's FATAL 57P01 arrives while no statement runs: pg emits 'error' on the client
      // (unheard, it ends the process: this test would fail with an uncaught error).
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      const after = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(after.rows[0].one).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
