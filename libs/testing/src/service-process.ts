import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket, type Server } from 'node:net';
import path from 'node:path';
import { testEnv } from './test-env';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * A platform service run as its own OS process, from TypeScript or compiled, its output captured.
 * Services never create tables: give them a `DATABASE_URL` from `createTestSchema()`, which the
 * migration runner has already brought up to date (as `npm run migrate` does before `npm start`).
 */
export class ServiceProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** `entry`: a TypeScript source (run through swc) or a compiled `.js` (plain node, as in production). */
  static start(name: string, entry: string, env: Record<string, string>): ServiceProcess {
    const hook = entry.endsWith('.js') ? [] : ['-r', '@swc-node/register'];
    const child = spawn(process.execPath, [...hook, entry], {
      cwd: repoRoot,
      env: { ...process.env, ADMINDUK_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  lines(containing: string): string[] {
    return this.output.filter((l) => l.includes(containing));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/**
 * A port free to listen on, picked below Linux's ephemeral range (32768-60999): a port the kernel
 * hands out for `listen(0)` is also where outgoing connections take their local ports, so one of the
 * many client connections of a test run could take it between this check and the caller's listen
 * (seen: EADDRINUSE on a forwarder's port in CI). Each Jest worker picks from its own share of the
 * range, and a process never gets the same port twice: two picks made before either is listened on
 * (a test's own, or one by another worker's test at the same moment) cannot collide (seen in CI:
 * the complaints service's port taken before it listened, EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  const { from, size } = portShare(Number(process.env.JEST_WORKER_ID ?? 1));
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = from + Math.floor(Math.random() * size);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${from} and ${from + size - 1} after 100 tries`);
}

const handedOut = new Set<number>();
const PORTS_FROM = 20_000;
const PORTS = 12_000;
const SHARES = 8;

/** Jest worker `worker`'s share of the test ports (workers beyond SHARES share again). */
export function portShare(worker: number): { from: number; size: number } {
  const size = PORTS / SHARES;
  return { from: PORTS_FROM + ((Math.max(1, worker) - 1) % SHARES) * size, size };
}

function canListen(port: number): Promise<boolean> {
  const s = createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** HTTP status of a GET, or 0 when nothing answers. */
export async function httpStatus(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}

/**
 * A TCP forwarder from a local port to a real server: "the dependency is down" is the forwarder
 * not listening (connections refused); "it came up" is the forwarder starting. `drop()` is the
 * other way a server fails: it accepts, then resets every connection at once. Lets a test start a
 * service before its database or broker, or break its mail and object storage for a while, without
 * stopping the machine's shared servers. 127.0.0.1 only.
 */
export class TcpForwarder {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly clients = new Set<Socket>();
  private dropping = false;
  private intercept?: (client: Socket) => void;
  /** Client connections accepted and passed on since construction (a dropped one is not counted). */
  accepted = 0;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async up(): Promise<void> {
    this.dropping = false;
    if (this.server) return;
    this.server = createServer((client) => {
      if (this.dropping) return void client.resetAndDestroy();
      const intercept = this.intercept;
      this.intercept = undefined;
      if (intercept) return void (this.clients.add(client), this.sockets.add(client), intercept(client));
      this.accepted++;
      this.clients.add(client);
      client.on('close', () => this.clients.delete(client));
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const [s, other] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        // A side that fails (the target not listening, a reset) takes the other with it, as a direct
        // connection would fail: piping passes an end on, not an error, and the client was left waiting.
        s.on('error', () => {
          s.destroy();
          other.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  /**
   * The next connection is handed to `handler` instead of the target: a server that accepts and
   * never greets, or greets and hangs up mid-handshake. `down()` closes it like the others.
   */
  interceptNext(handler: (client: Socket) => void): void {
    this.intercept = handler;
  }

  /** Client connections open through the forwarder now. */
  get open(): number {
    return this.clients.size;
  }

  /** Accepts connections and resets them at once; open connections are cut. `up()` ends it. */
  async drop(): Promise<void> {
    await this.up();
    this.dropping = true;
    for (const s of this.sockets) s.destroy();
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise((r) => this.server!.close(r));
    this.server = undefined;
  }
}

/**
 * Environment that gives one platform instance its own NATS namespace (command subjects, JetStream
 * streams and subjects, relay name), so several instances share one NATS server without crosstalk.
 */
export function namespacedPlatformEnv(ns: string): Record<string, string> {
  return {
    COMMAND_SUBJECT_PREFIX: ns,
    EVENTS_STREAM: `${ns}_EVENTS`,
    EVENTS_SUBJECT_PREFIX: `${ns}.evt`,
    DEAD_LETTER_STREAM: `${ns}_DLQ`,
    DEAD_LETTER_SUBJECT_PREFIX: `${ns}.dlq`,
    RELAY_EVENTS_STREAM: `${ns}_EVENTS`,
    RELAY_SUBJECT_PREFIX: `${ns}.evt`,
    RELAY_NAME: ns,
  };
}

/**
 * The environment every service process of one platform instance shares: its namespace, the test
 * database schema and bus, and the development issuer at `issuer` (auth-dev's own URL).
 */
export function platformProcessEnv(o: { namespace: string; databaseUrl: string; issuer: string }): Record<string, string> {
  return {
    ...namespacedPlatformEnv(o.namespace),
    DATABASE_URL: o.databaseUrl,
    NATS_URL: testEnv.natsUrl,
    AUTH_ISSUER: o.issuer,
    AUTH_JWKS_URL: `${o.issuer}/.well-known/jwks.json`,
    AUTH_AUDIENCE: 'adminduk',
  };
}
