import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CapturedMail } from '@adminduk/notifications';

const repoRoot = path.resolve(__dirname, '../../../../..');

/**
 * The SMTP server and its forwarder (mail-server-main.ts) in a process of their own. In the suite's
 * process every round trip of every send waited behind the load (thousands of uploads and polls):
 * while the load was submitting, sends overran their 6 s and mail stalled for minutes (2 mails
 * sent in one minute of a bounded run, 3,000 a minute once the submissions were done). `messages`
 * fills as the process reports them; up/down/drop work the forwarder as TcpForwarder's do.
 */
export class MailServerProcess {
  readonly messages: CapturedMail[] = [];
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly exited: Promise<unknown>;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
  ) {
    this.exited = once(child, 'exit');
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('mail ')) return void this.messages.push(JSON.parse(line.slice(5)) as CapturedMail);
      const resolve = this.waiting.get(line)?.shift();
      resolve?.();
    });
  }

  static async start(port: number): Promise<MailServerProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'mail-server-main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, FORWARDER_PORT: String(port) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const server = new MailServerProcess(port, child);
    await Promise.race([
      server.reply('listening'),
      server.exited.then(() => Promise.reject(new Error('the mail server process exited before it listened'))),
    ]);
    return server;
  }

  up = () => this.command('up');
  down = () => this.command('down');
  drop = () => this.command('drop');

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  private async command(name: 'up' | 'down' | 'drop'): Promise<void> {
    const done = this.reply(`done ${name}`);
    this.child.stdin.write(`${name}\n`);
    await done;
  }

  private reply(line: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(line, [...(this.waiting.get(line) ?? []), resolve]));
  }
}
