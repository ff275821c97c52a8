import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one client of the pool, held for its whole duration (a transaction of several
 * statements, or an error that must not cost the connection). The pool comes from createPool, so a
 * connection the server ends while it is held is heard there, not the process's end; the statement
 * in flight fails on its own, and the pool destroys a client whose connection broke.
 *
 * As with pool.query(), an error out of `work` destroys the connection (nothing half-done stays on
 * it, no ROLLBACK needed); `work` returns normally to keep it, e.g. after an expected unique violation.
 */
export async function withHeldClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    return await work(client);
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    client.release(failure);
  }
}
