import { Pool, type PoolConfig } from 'pg';

/**
 * A `pg` Pool whose connections are heard for their whole life: the platform's one way to open one.
 *
 * pg-pool listens to a connection's 'error' only while it is idle in the pool; while it is checked
 * out (pool.query between statements, a held client, a pipelined named statement) an 'error' nobody
 * listens to ends the process. A PostgreSQL restart (SQLSTATE 57P01 on every session) killed a
 * service this way in the fault suite more than once, each time through another path. Here every
 * connection is heard from the moment it opens: the statement in flight fails on its own (the
 * callers map it to 503), the pool drops the broken connection, and the next query opens a new one.
 */
export function createPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // An idle connection ended by the server: the pool has already let it go.
  pool.on('error', () => undefined);
  return pool;
}
