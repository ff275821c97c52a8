import { spawn, type ChildProcess } from 'node:child_process';
import { eventually, freePort, TcpForwarder } from '@adminduk/testing';
import type { MessagingLogger } from './logger';
import { CONNECT_TIMEOUT_MS, ManagedNatsConnection, safeUrl } from './nats-connection';

jest.setTimeout(60_000);

/** A private nats-server on a free port, so the test can take it down and bring it back. */
function startNats(port: number): ChildProcess {
  return spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
}

async function stopNats(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });
}

function capturingLogger() {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  const logger: MessagingLogger = {
    info: (obj, msg) => lines.push({ level: 'info', msg, obj }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => lines.push({ level: 'error', msg, obj }),
  };
  return { logger, lines };
}

describe('ManagedNatsConnection', () => {
  let server: ChildProcess | undefined;
  afterEach(async () => {
    if (server) await stopNats(server);
    server = undefined;
  });

  it('waits for NATS that is down at start, logs the failure once, and becomes ready when it comes up', async () => {
    const port = await freePort();
    const { logger, lines } = capturingLogger();
    const connecting = ManagedNatsConnection.connect({
      url: `nats://user:secret@127.0.0.1:${port}`,
      name: 'connection-test',
      logger,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    let settled = false;
    void connecting.then(
      () => (settled = true),
      () => (settled = true),
    );

    await eventually(() => expect(lines.some((l) => l.level === 'warn')).toBe(true));
    // Let several attempts fail before the server appears.
    await new Promise((r) => setTimeout(r, 400));
    expect(settled).toBe(false);

    server = startNats(port);
    const conn = await connecting;
    expect(conn.isReady()).toBe(true);
    const unreachable = lines.filter((l) => l.msg.startsWith('NATS unreachable'));
    expect(unreachable).toHaveLength(1);
    // The password never reaches a log line.
    expect(JSON.stringify(lines)).not.toContain('secret');

    // Lose the server: not ready, one line; back: ready again.
    await stopNats(server);
    await eventually(() => expect(conn.isReady()).toBe(false));
    server = startNats(port);
    await eventually(() => expect(conn.isReady()).toBe(true), 15_000);
    expect(lines.filter((l) => l.msg.startsWith('NATS connection lost'))).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'NATS reconnected')).toBe(true);
    await conn.close();
  });

  it('dials again within about a second of a restarted server listening, however many dials failed before', async () => {
    // nats.js asks the delay on every turn of its reconnect loop: a delay growing per call reached
    // 8-10 s within the first second of an outage, and services came back that long after NATS did.
    const port = await freePort();
    server = startNats(port);
    const conn = await ManagedNatsConnection.connect({
      url: `nats://127.0.0.1:${port}`,
      name: 'reconnect-test',
      logger: capturingLogger().logger,
    });
    await stopNats(server);
    await eventually(() => expect(conn.isReady()).toBe(false));
    // Down for 2 s: several dials refused.
    await new Promise((r) => setTimeout(r, 2000));
    server = startNats(port);
    const back = Date.now();
    await eventually(() => expect(conn.isReady()).toBe(true), 15_000);
    // The wait between dials is half a second: 3 s leaves room for a slow machine, and fails the old 8-10 s.
    expect(Date.now() - back).toBeLessThan(3000);
    await conn.close();
  });

  it('gives up a connect attempt that hangs and dials again, rather than waiting out the 20 s nats.js allows it', async () => {
    // A server that accepts and never greets (stalled, or restarting): the first connection is held
    // silent, later ones are passed to a real nats-server.
    const natsPort = await freePort();
    server = startNats(natsPort);
    const front = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: natsPort });
    let held = 0;
    front.interceptNext(() => held++);
    await front.up();
    const { logger, lines } = capturingLogger();
    try {
      const started = Date.now();
      const conn = await ManagedNatsConnection.connect({
        url: `nats://127.0.0.1:${front.port}`,
        name: 'stalled-connect-test',
        logger,
        backoff: { baseMs: 20, maxMs: 100 },
      });
      expect(conn.isReady()).toBe(true);
      expect(held).toBe(1);
      expect(lines.find((l) => l.msg.startsWith('NATS unreachable'))?.obj).toMatchObject({ reason: 'TIMEOUT' });
      // Dialled again after the attempt's timeout, not nats.js's 20 s.
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 10_000);
      await conn.close();
    } finally {
      await front.down();
    }
  });

  it('strips credentials from server urls', () => {
    expect(safeUrl('nats://u:p@host:4222,nats://h2:4222')).toBe('nats://host:4222,nats://h2:4222');
  });
});
