import { readFileSync } from 'node:fs';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { trustedKeyFiles } from '../trusted-keys';

/** Checks an export bundle offline: no network, no database. Exit 1 on any problem. */
export const command: Command = {
  usage: 'adminduk verify-bundle FILE [--key PUBLIC_KEY.pem] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['key']);
    const [file, extra] = args.positionals;
    if (!file || extra !== undefined) throw new UsageError('name one bundle file');
    const { checkpointPublicKeys, verifyBundle } = await import('@adminduk/audit');
    const [keyFile] = trustedKeyFiles(args, io.env);
    let problems: string[];
    let bundle;
    try {
      bundle = JSON.parse(readFileSync(file, 'utf8'));
      problems = verifyBundle(bundle, keyFile ? checkpointPublicKeys([keyFile])[0] : undefined);
    } catch (e) {
      problems = [`unreadable bundle: ${e instanceof Error ? e.message : String(e)}`];
    }
    if (!keyFile) io.stderr.write('warning: checked against the key inside the bundle; compare its keyId with the published key (--key)\n');
    const summary = {
      valid: problems.length === 0,
      streamId: bundle?.streamId,
      events: bundle?.events?.length,
      checkpoint: bundle?.checkpoint?.treeSize,
      keyId: bundle?.checkpoint?.keyId,
      problems,
    };
    if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      for (const p of problems) io.stdout.write(`INVALID: ${p}\n`);
      if (!problems.length) {
        io.stdout.write(
          `valid: ${summary.events} events of ${summary.streamId}, in checkpoint ${summary.checkpoint} signed by key ${summary.keyId}\n`,
        );
      }
    }
    return problems.length ? 1 : 0;
  },
};
