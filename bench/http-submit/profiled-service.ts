import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './settings';

export interface Service {
  readonly child: ChildProcess;
  readonly output: string[];
  lines(containing: string): string[];
  stop(): Promise<unknown>;
}

/**
 * Like ServiceProcess, with extra Node flags: --cpu-prof is not allowed in NODE_OPTIONS. The
 * profile is written when the service exits normally (SIGTERM: its shutdown hook calls exit).
 */
export class ProfiledService implements Service {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    const collect = (c: Buffer) => this.output.push(...c.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', resolve));
  }

  static start(_name: string, entry: string, env: Record<string, string>, nodeFlags: string[]): ProfiledService {
    const child = spawn(process.execPath, [...nodeFlags, '-r', '@swc-node/register', entry], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ProfiledService(child);
  }

  lines(containing: string): string[] {
    return this.output.filter((l) => l.includes(containing));
  }

  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
