import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The project's own nats-server (users and permissions from libs/messaging bus-accounts, written by
 * infra/bus.ts --test) on a port and store directory of one suite's own, so the suite can stop and
 * restart it with its JetStream state on disk. Never the shared test bus on 4323.
 */
export class OwnBus {
  private child?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get natsUrl(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** A fresh configuration and store in `dir` (emptied first), server started. */
  static async create(dir: string, port: number): Promise<OwnBus> {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'infra/bus.ts', dir, String(port), '--test'], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    const bus = new OwnBus(dir, port);
    await bus.start();
    return bus;
  }

  async start(): Promise<void> {
    const bin = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((f) => existsSync(f)) ?? 'nats-server';
    this.child = spawn(bin, ['-c', path.join(this.dir, 'nats.conf'), '-l', path.join(this.dir, 'server.log')], { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      if (await listening(this.port)) return;
      await sleep(50);
    }
    throw new Error(`nats-server did not listen on ${this.port} (see ${this.dir}/server.log)`);
  }

  /** SIGTERM (lame duck, JetStream flushed) or SIGKILL (a crash: what the store holds on disk is what survives). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing (a hung machine); SIGCONT lets it go on. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.child?.kill(signal);
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
