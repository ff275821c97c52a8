import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort, TcpForwarder } from './service-process';

/** What one connection through the forwarder gets: the echo of `text`, or how it failed. */
function roundTrip(port: number, text = 'ping'): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.on('connect', () => s.write(text));
    s.on('data', (d) => {
      got += d.toString();
      if (got !== text) return;
      s.end();
      resolve(`echo ${got}`);
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    s.on('close', () => resolve(got ? `echo ${got}` : 'closed'));
  });
}

/** The forwarder the fault suite puts in front of S3 and SMTP: passes, refuses, drops (real sockets). */
describe('TcpForwarder', () => {
  let echo: Server;
  let forwarder: TcpForwarder;

  beforeAll(async () => {
    echo = createServer((s) => s.pipe(s));
    const port = await freePort();
    await new Promise<void>((r) => echo.listen(port, '127.0.0.1', r));
    forwarder = new TcpForwarder(await freePort(), { host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await forwarder.down();
    await new Promise((r) => echo.close(r));
  });

  it('up passes bytes; down refuses; drop accepts and resets, cutting open connections; up again passes', async () => {
    await forwarder.up();
    expect(await roundTrip(forwarder.port)).toBe('echo ping');

    // An open connection, cut by drop().
    const open: Socket = connect(forwarder.port, '127.0.0.1');
    await new Promise((r) => open.once('connect', r));
    const cut = new Promise((r) => open.once('close', r));
    open.on('error', () => undefined);
    await forwarder.drop();
    await cut;
    expect(['ECONNRESET', 'closed']).toContain(await roundTrip(forwarder.port));

    await forwarder.up();
    expect(await roundTrip(forwarder.port)).toBe('echo ping');
    await forwarder.down();
    expect(await roundTrip(forwarder.port)).toBe('ECONNREFUSED');
    await forwarder.up();
    expect(await roundTrip(forwarder.port)).toBe('echo ping');
  });

  // The S3 server behind the fault suite's forwarder died or reset a connection: its client must see
  // the connection fail, as it would without the forwarder, not wait on it for ever (a hung HTTP
  // request has no end: the minio client sets no timeout). Fails by the test's timeout otherwise.
  it('a connection whose target is gone or resets is cut on the client side too, not left open', async () => {
    const nothing = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: await freePort() });
    await nothing.up();
    try {
      expect(['ECONNRESET', 'closed']).toContain(await roundTrip(nothing.port));
    } finally {
      await nothing.down();
    }

    // A target that accepts, then resets the connection once the request arrives.
    const resetting = createServer((s) => s.once('data', () => s.resetAndDestroy()));
    const port = await freePort();
    await new Promise<void>((r) => resetting.listen(port, '127.0.0.1', r));
    const cutting = new TcpForwarder(await freePort(), { host: '127.0.0.1', port });
    await cutting.up();
    try {
      expect(['ECONNRESET', 'closed']).toContain(await roundTrip(cutting.port));
    } finally {
      await cutting.down();
      await new Promise((r) => resetting.close(r));
    }
  }, 10_000);
});
