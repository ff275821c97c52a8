import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { NewEvent } from '@adminduk/event-store';

const repoRoot = path.resolve(__dirname, '../../..');

/** A relay started as its own process (`node -r @swc-node/register`), its JSON log lines captured. */
export class RelayProcess {
  readonly lines: Array<Record<string, unknown>> = [];
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.lines.push({ msg: line });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => this.lines.push({ msg: chunk.toString('utf8'), stderr: true }));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(env: Record<string, string>): RelayProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/relay/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ADMINDUK_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RelayProcess(child);
  }

  logged(msg: string): boolean {
    return this.lines.some((l) => typeof l.msg === 'string' && l.msg.startsWith(msg));
  }

  get port(): number | undefined {
    const started = this.lines.find((l) => l.msg === 'relay listening');
    return started ? Number(started.port) : undefined;
  }

  async metric(name: string): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${this.port}/metrics`);
    const text = await res.text();
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    if (!m) throw new Error(`metric ${name} not found`);
    return Number(m[1]);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/** A test event for the relay's suites: what it carries does not matter, only that it is stored and published. */
export function relayTestEvent(n: number, extra: { traceparent?: string } = {}): NewEvent {
  return {
    type: 'RelayTestHappened',
    data: { n },
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      correlationId: randomUUID(),
      kecamatan: '35.15.12',
      ...extra,
    },
  };
}
