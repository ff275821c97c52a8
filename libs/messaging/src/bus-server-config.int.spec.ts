import { connect as dial, type Socket } from 'node:net';
import { nkeyAuthenticator } from 'nats';
import { testBusSeed, testEnv } from '@adminduk/testing';

/** Lines the server sends, as they arrive. */
function lines(socket: Socket): () => Promise<string> {
  let buffer = '';
  const waiting: Array<(line: string) => void> = [];
  const ready: string[] = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const w = waiting.shift();
      if (w) w(line);
      else ready.push(line);
    }
  });
  return () => (ready.length ? Promise.resolve(ready.shift()!) : new Promise((r) => waiting.push(r)));
}

/** The project's bus configuration (bus-accounts.ts, rendered by infra/bus.ts) on the test bus. */
describe('bus server configuration (real nats-server)', () => {
  it('lets a client that is slow to authenticate (3 s after INFO, past nats-server’s default 2 s) connect', async () => {
    const url = new URL(testEnv.natsUrl);
    const socket = dial(Number(url.port), url.hostname);
    const next = lines(socket);
    try {
      const info = JSON.parse((await next()).replace(/^INFO /, '')) as { nonce: string };
      await new Promise((r) => setTimeout(r, 3000)); // a starved process, busy elsewhere
      const auth = nkeyAuthenticator(new TextEncoder().encode(testBusSeed('test')))(info.nonce) as { nkey: string; sig: string };
      socket.write(`CONNECT ${JSON.stringify({ verbose: false, pedantic: false, protocol: 1, ...auth })}\r\nPING\r\n`);
      expect(await next()).toBe('PONG'); // with the default: -ERR 'Authentication Timeout'
    } finally {
      socket.destroy();
    }
  });
});
