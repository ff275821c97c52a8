/**
 * The fault suite's SMTP server and the forwarder in front of it, as a process of their own
 * (mail-server-process.ts starts it). Prints `listening` once both are up and `mail <json>` for
 * every message received; takes `up`, `down` and `drop` on stdin for the forwarder and answers
 * `done <command>`. FORWARDER_PORT is where the notifications service connects.
 */
import { createInterface } from 'node:readline';
import { startSmtpTestServer } from '@adminduk/notifications';
import { TcpForwarder } from '@adminduk/testing';

async function main(): Promise<void> {
  const smtp = await startSmtpTestServer({ onMessage: (m) => process.stdout.write(`mail ${JSON.stringify(m)}\n`) });
  const forwarder = new TcpForwarder(Number(process.env.FORWARDER_PORT), { host: smtp.host, port: smtp.port });
  await forwarder.up();
  const commands: Record<string, () => Promise<void>> = {
    up: () => forwarder.up(),
    down: () => forwarder.down(),
    drop: () => forwarder.drop(),
  };
  createInterface({ input: process.stdin }).on('line', (line) => {
    const command = commands[line.trim()];
    if (!command) return void process.stdout.write(`unknown ${line}\n`);
    void command().then(() => process.stdout.write(`done ${line.trim()}\n`));
  });
  process.stdout.write('listening\n');
}

main().catch((e) => {
  process.stderr.write(`mail server failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
