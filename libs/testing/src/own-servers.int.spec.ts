import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connect, nkeyAuthenticator } from 'nats';
import { Client } from 'pg';
import { OwnBus } from './own-bus';
import { OwnPostgres } from './own-postgres';
import { freePort } from './service-process';
import { busEnv } from './test-env';

const repoRoot = path.resolve(__dirname, '../../..');
/** A fresh folder the postgres user may enter (mkdtemp makes it 0700; the server runs as postgres under root). */
const scratch = () => {
  const dir = mkdtempSync(path.join(repoRoot, '.local/own-servers-'));
  chmodSync(dir, 0o755);
  return dir;
};

/** The fault suite's own servers: restarted the hard way, they keep what they acknowledged. */
describe('OwnPostgres and OwnBus (real initdb/pg_ctl and nats-server)', () => {
  it('PostgreSQL keeps a committed row through an immediate shutdown and a fast one', async () => {
    const pg = await OwnPostgres.create(path.join(scratch(), 'pg'), await freePort());
    try {
      const query = async (sql: string) => {
        const c = new Client({ connectionString: pg.url() });
        await c.connect();
        try {
          return (await c.query(sql)).rows;
        } finally {
          await c.end();
        }
      };
      await query('CREATE TABLE t (v int); INSERT INTO t VALUES (1)');
      await pg.stop('immediate');
      await expect(query('SELECT 1')).rejects.toThrow();
      await pg.start();
      await pg.stop('fast');
      await pg.start();
      expect(await query('SELECT v FROM t')).toEqual([{ v: 1 }]);
    } finally {
      await pg.destroy();
      rmSync(path.dirname(pg.dataDir), { recursive: true, force: true });
    }
  });

  it('NATS keeps a PubAcked JetStream message through SIGKILL and restart on the same store', async () => {
    const bus = await OwnBus.create(path.join(scratch(), 'bus'), await freePort());
    const options = {
      servers: bus.natsUrl,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(busEnv({ dir: bus.dir, natsUrl: bus.natsUrl }, 'test').NATS_NKEY_SEED)),
    };
    try {
      let nc = await connect(options);
      await (await nc.jetstreamManager()).streams.add({ name: 'T', subjects: ['t.>'] });
      const ack = await nc.jetstream().publish('t.one', new TextEncoder().encode('kept'));
      await bus.stop('SIGKILL');
      await nc.close().catch(() => undefined);
      await bus.start();
      nc = await connect(options);
      const stored = await (await nc.jetstreamManager()).streams.getMessage('T', { seq: ack.seq });
      expect(new TextDecoder().decode(stored.data)).toBe('kept');
      await nc.close();
    } finally {
      await bus.destroy();
      rmSync(path.dirname(bus.dir), { recursive: true, force: true });
    }
  });
});
