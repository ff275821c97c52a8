import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A PostgreSQL instance of one suite's own (initdb/pg_ctl on its own port and data directory), so
 * the suite can shut it down fast or immediately and start it again. Never the machine's shared
 * server on 5432: other suites and engineers use that one.
 */
export class OwnPostgres {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  /** A fresh cluster in `dataDir` (emptied first), started. */
  static async create(dataDir: string, port: number): Promise<OwnPostgres> {
    const bin = postgresBinDir();
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const pg = new OwnPostgres(dataDir, port, bin);
    pg.handToPostgresUser(dataDir);
    pg.run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await pg.start();
    return pg;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // fsync off: a PostgreSQL crash (immediate shutdown) keeps what the OS holds; only a machine crash would not.
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDir} -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', path.join(this.dataDir, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** `fast`: sessions ended, a checkpoint; `immediate`: processes killed, recovery at the next start. */
  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    spawnSync(...this.command('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const [file, argv] = this.command(tool, args);
    execFileSync(file, argv, { stdio: 'pipe' });
  }

  /** initdb and the server refuse to run as root: as root, they run as the postgres user. */
  private command(tool: string, args: string[]): [string, string[]] {
    const file = path.join(this.bin, tool);
    return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  }

  private handToPostgresUser(dir: string): void {
    if (process.getuid?.() !== 0) return;
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((d) => existsSync(path.join(d, 'pg_ctl')));
  if (!found) throw new Error('pg_ctl not found under /usr/lib/postgresql (apt-get install postgresql)');
  return found;
}
