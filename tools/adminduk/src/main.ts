import { UsageError } from './args';
import type { CommandIo } from './command';
import { COMMANDS } from './commands';

/** `adminduk <command> [arguments]`: picks the command (one or two words) and runs it. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const twoWords = `${argv[0]} ${argv[1]}`;
  const [name, rest] = COMMANDS[twoWords] ? [twoWords, argv.slice(2)] : [argv[0], argv.slice(1)];
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    io.stderr.write(`${name && name !== '--help' ? `adminduk: unknown command "${name}"\n` : ''}${await usage()}`);
    return name === '--help' ? 0 : 2;
  }
  const command = await load();
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`adminduk ${name}: ${e.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}

async function usage(): Promise<string> {
  const lines = await Promise.all(Object.values(COMMANDS).map(async (load) => `  ${(await load()).usage}`));
  return `usage: adminduk <command>\n${lines.join('\n')}\n`;
}

/** The process entry (bin/adminduk.js): exit 0 clean, 1 findings, 2 bad usage, 3 could not run. */
export function runCli(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(`adminduk: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
