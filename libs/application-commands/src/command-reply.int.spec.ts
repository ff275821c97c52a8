import { Client } from 'pg';
import { createLogger } from '@adminduk/observability';
import { freePort, testEnv } from '@adminduk/testing';
import { replyTo } from './command-reply';

/** A command whose database is down answers 503 (retry with the same key), not 500 (issue 16). */
describe('replyTo: the database unavailable under a command', () => {
  const logger = createLogger({ service: 'test', level: 'silent' });

  it('is 503 DEPENDENCY_UNAVAILABLE; a bug in the handler stays 500 INTERNAL', async () => {
    const url = new URL(testEnv.postgresUrl);
    url.port = String(await freePort());
    const down = await replyTo(logger, async () => {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
    });
    expect(down).toEqual({ ok: false, error: expect.objectContaining({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' }) });
    const bug = await replyTo(logger, async () => {
      throw new TypeError('x is undefined');
    });
    expect(bug).toEqual({ ok: false, error: expect.objectContaining({ statusCode: 500, code: 'INTERNAL' }) });
  });
});
