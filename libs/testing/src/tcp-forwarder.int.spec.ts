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
});
