import { ServiceProcess, httpStatus } from './service-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One platform service under a small supervisor: started as its own OS process on a fixed port, and
 * broken the ways a server room breaks it: SIGKILL (then started again), SIGSTOP past its timeouts
 * (then SIGCONT). Output of every incarnation is kept in memory, bounded, for the failure message.
 */
export class SupervisedService {
  private current?: ServiceProcess;
  private paused = false;
  private readonly earlier: string[] = [];
  kills = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    /** The environment of each start (read again at every start: a restarted dependency may have moved). */
    private readonly env: () => Record<string, string>,
    private readonly entry = `services/${name}/src/main.ts`,
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
  }

  resume(): void {
    this.current?.child.kill('SIGCONT');
    this.paused = false;
  }

  async stop(): Promise<void> {
    if (this.paused) this.resume();
    await this.current?.stop('SIGKILL');
  }

  /** Ready means GET /health/ready answers 200 (its database and bus reachable). Returns the ms waited. */
  async waitReady(timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if ((await httpStatus(`${this.url}/health/ready`)) === 200) return Date.now() - started;
      if (this.current?.child.exitCode !== null && this.current?.child.exitCode !== undefined)
        throw new Error(`${this.name} exited with ${this.current.child.exitCode}:\n${this.lastLines(30).join('\n')}`);
      await sleep(100);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.lastLines(30).join('\n')}`);
  }

  lastLines(n: number): string[] {
    return [...this.earlier, ...(this.current?.output ?? [])].slice(-n);
  }
}
