import { Client } from 'pg';
import { freePort, testEnv } from '@adminduk/testing';
import { isDependencyUnavailable } from './dependency-unavailable';

/** What node-postgres really throws (real PostgreSQL), classified: the server unavailable or the query's own fault. */
describe('isDependencyUnavailable (real PostgreSQL)', () => {
  const errorOf = async (run: () => Promise<unknown>): Promise<unknown> => {
    try {
      await run();
    } catch (e) {
      return e;
    }
    throw new Error('did not fail');
  };

  it('nothing listening: unavailable', async () => {
    const url = new URL(testEnv.postgresUrl);
    url.port = String(await freePort());
    const c = new Client({ connectionString: url.toString() });
    expect(isDependencyUnavailable(await errorOf(() => c.connect()))).toBe(true);
  });

  it('the session ended by the server (as in a restart, 57P01) and the dead connection afterwards: unavailable', async () => {
    const victim = new Client({ connectionString: testEnv.postgresUrl });
    victim.on('error', () => undefined);
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const admin = new Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
    try {
      const during = errorOf(() => victim.query('SELECT pg_sleep(5)'));
      await new Promise((r) => setTimeout(r, 200));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(isDependencyUnavailable(await during)).toBe(true);
      expect(isDependencyUnavailable(await errorOf(() => victim.query('SELECT 1')))).toBe(true);
    } finally {
      await admin.end();
    }
  });

  it("a query's own error (syntax, a constraint) and a plain bug: not unavailable, they stay 500", async () => {
    const c = new Client({ connectionString: testEnv.postgresUrl });
    await c.connect();
    try {
      expect(isDependencyUnavailable(await errorOf(() => c.query('SELEC 1')))).toBe(false);
      expect(isDependencyUnavailable(await errorOf(() => c.query('SELECT 1/0')))).toBe(false);
    } finally {
      await c.end();
    }
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    // Wrapped, as TypeORM and fetch do: the cause decides.
    expect(isDependencyUnavailable({ message: 'Query failed', driverError: { code: '57P01' } })).toBe(true);
    expect(isDependencyUnavailable(new Error('fetch failed', { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
  });
});
