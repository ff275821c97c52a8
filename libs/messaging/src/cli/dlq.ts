/**
 * Dead-letter operator tool.
 *   node -r @swc-node/register libs/messaging/src/cli/dlq.ts list [--consumer <name>] [--from <seq>] [--limit <n>]
 *   node -r @swc-node/register libs/messaging/src/cli/dlq.ts replay <seq>
 * Env (the services' names): NATS_URL (default nats://127.0.0.1:4222), NATS_NKEY_SEED (the `ops` bus user's), DEAD_LETTER_STREAM (DEAD_LETTERS),
 * DEAD_LETTER_SUBJECT_PREFIX (dlq).
 * Prints JSON lines; payloads stay base64 so personal data is never shown by accident.
 */
import { connect } from 'nats';
import { busConnectionOptions } from '../bus-credentials';
import { DeadLetters } from '../dead-letters';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  const nc = await connect({
    servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    name: 'dlq-cli',
    ...busConnectionOptions({ service: 'ops', nkeySeed: process.env.NATS_NKEY_SEED }),
  });
  const dlq = new DeadLetters(nc, {
    name: process.env.DEAD_LETTER_STREAM ?? 'DEAD_LETTERS',
    subjectPrefix: process.env.DEAD_LETTER_SUBJECT_PREFIX ?? 'dlq',
  });
  try {
    switch (command) {
      case 'list': {
        const page = await dlq.list({
          consumer: flags.consumer,
          fromSeq: flags.from ? Number(flags.from) : undefined,
          limit: flags.limit ? Number(flags.limit) : undefined,
        });
        for (const { seq, storedAt, record } of page.items) {
          const { data: _data, headers: _headers, ...summary } = record;
          out({ seq, storedAt: storedAt.toISOString(), ...summary });
        }
        if (page.nextSeq) out({ nextPage: `--from ${page.nextSeq}` });
        return 0;
      }
      case 'replay': {
        const seq = Number(flags.positional[0]);
        if (!Number.isInteger(seq) || seq < 1) return usage('replay needs a dead-letter sequence number');
        const r = await dlq.replay(seq);
        out({ replayed: seq, stream: r.republished.stream, seq: r.republished.seq, duplicate: r.republished.duplicate });
        return 0;
      }
      default:
        return usage(`unknown command "${command ?? ''}"`);
    }
  } finally {
    await nc.drain();
  }
}

function parseFlags(args: string[]): { consumer?: string; from?: string; limit?: string; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) flags[args[i].slice(2)] = args[++i] ?? '';
    else positional.push(args[i]);
  }
  return { ...flags, positional };
}

function out(obj: unknown): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

function usage(problem: string): number {
  console.error(`dlq: ${problem}\nusage: dlq.ts list [--consumer <name>] [--from <seq>] [--limit <n>] | replay <seq>`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`dlq: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
