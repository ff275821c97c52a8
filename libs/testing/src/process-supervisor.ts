import { createWriteStream, type WriteStream } from 'node:fs';
import { ServiceProcess } from './service-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One platform service under a small supervisor: started as its own OS process on a fixed port, and
 * broken the ways a server room breaks it: SIGKILL (then started again), SIGSTOP past its timeouts
 * (then SIGCONT). Output of every incarnation is kept in memory, bounded, for the failure message.
 */
export class SupervisedService {
  private current?: ServiceProcess;
  private paused = false;
  /** The log file stream of the current process (when the service logs to a file). */
  private logOut?: WriteStream;
  private readonly earlier: string[] = [];
  kills = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    /** The environment of each start (read again at every start: a restarted dependency may have moved). */
    private readonly env: () => Record<string, string>,
    private readonly entry = `services/${name}/src/main.ts`,
    /** Every incarnation's whole output is appended here too (the memory keeps only the last lines). */
    private readonly logFile?: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  start(): void {
    if (this.current) this.earlier.push(...this.current.output.slice(-200));
    this.earlier.splice(0, Math.max(0, this.earlier.length - 400));
    this.current = ServiceProcess.start(this.name, this.entry, { PORT: String(this.port), ...this.env() });
    this.paused = false;
    if (this.logFile) this.appendOutputTo(this.logFile, this.current);
  }

  private appendOutputTo(file: string, proc: ServiceProcess): void {
    const out = createWriteStream(file, { flags: 'a' });
    this.logOut = out;
    out.write(this.markLine(`started (pid ${proc.child.pid})`));
    proc.child.stdout!.pipe(out, { end: false });
    proc.child.stderr!.pipe(out, { end: false });
    proc.child.once('close', (code, signal) => out.end(this.markLine(`exited (${signal ?? code})`)));
  }

  /** kill -9, as a power cut or the OOM killer would. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.kills++;
    if (this.paused) this.current?.child.kill('SIGCONT');
    await this.current?.stop('SIGKILL');
  }

  /** SIGSTOP: the process holds its sockets and answers nothing (a hung VM, a long GC pause). */
  pause(): void {
    this.current?.child.kill('SIGSTOP');
    this.paused = true;
    this.mark('stopped (SIGSTOP)');
  }

  resume(): void {
    this.current?.child.kill('SIGCONT');
    this.paused = false;
    this.mark('continued (SIGCONT)');
  }

  /** A line in the service's log file (start, exit, pause, resume), so its output can be read against the faults. */
  private mark(what: string): void {
    if (this.logOut?.writable) this.logOut.write(this.markLine(what));
  }

  private markLine(what: string): string {
    return `--- ${new Date().toISOString()} ${this.name} ${what}\n`;
  }

  async stop(): Promise<void> {
    if (this.paused) this.resume();
    await this.current?.stop('SIGKILL');
  }

  /**
   * What waitReady's probes found until the service was ready, each change once: `at 2670 ms: not
   * listening`, `at 4200 ms: 503 (object-storage failing)`, `at 9100 ms: no answer within 2 s`. What a
   * slow restart waited for (the fault suite records it; a timeout's error lists it).
   */
  notReady: string[] = [];

  /** Ready means GET /health/ready answers 200 (its database and bus reachable). Returns the ms waited. */
  async waitReady(timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    this.notReady = [];
    while (Date.now() - started < timeoutMs) {
      const probe = await readyProbe(`${this.url}/health/ready`);
      if (probe === 'ready') return Date.now() - started;
      // The changes only: a probe per 100 ms would repeat the same answer for seconds.
      if (!this.notReady.at(-1)?.endsWith(probe)) this.notReady.push(`at ${Date.now() - started} ms: ${probe}`);
      if (this.current?.child.exitCode !== null && this.current?.child.exitCode !== undefined)
        throw new Error(`${this.name} exited with ${this.current.child.exitCode}:\n${this.lastLines(30).join('\n')}`);
      await sleep(100);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms (${this.notReady.join('; ')}):\n${this.lastLines(30).join('\n')}`);
  }

  lastLines(n: number): string[] {
    return [...this.earlier, ...(this.current?.output ?? [])].slice(-n);
  }
}

/** `ready`, or what the readiness endpoint answered instead (its failing checks), or that it did not answer. */
async function readyProbe(url: string): Promise<string> {
  const started = Date.now();
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (r.status === 200) return 'ready';
    const checks = ((await r.json().catch(() => ({}))) as { checks?: Record<string, string> }).checks ?? {};
    const failing = Object.keys(checks).filter((c) => checks[c] !== 'ok');
    return `${r.status}${failing.length ? ` (${failing.join(', ')} failing)` : ''}`;
  } catch {
    return Date.now() - started >= 1900 ? 'no answer within 2 s' : 'not listening';
  }
}
