import { integerOption, parseArgs, UsageError } from '../args';
import { storeAccess } from '../access';
import type { Command } from '../command';
import { endProgress, progressReporter } from '../progress';
import { trustedKeyFiles } from '../trusted-keys';

/**
 * Checks every stream's hash chain and the signed checkpoints over the global log, straight from
 * the store (read-only). Exit status 1 when anything is found; each finding names the event.
 */
export const command: Command = {
  usage: 'adminduk audit verify [--stream ID] [--from POSITION] [--key PUBLIC_KEY.pem] [--workers N] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['stream', 'from', 'key', 'workers']);
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const from = args.options.get('from');
    if (from !== undefined && !/^\d+\/\d+$/.test(from)) throw new UsageError('--from must be a global position, commit/prepare');
    const access = storeAccess(io.env);
    const { checkpointPublicKeys, formatFinding, verifyLog } = await import('@adminduk/audit');
    const keyFiles = trustedKeyFiles(args, io.env);
    if (!keyFiles.length) io.stderr.write('warning: no checkpoint key given (--key or ADMINDUK_CHECKPOINT_KEYS): signatures not checked\n');
    const result = await verifyLog({
      databaseUrl: access.databaseUrl,
      publicKeys: checkpointPublicKeys(keyFiles),
      streamId: args.options.get('stream'),
      from,
      workers: integerOption(args, 'workers'),
      onProgress: progressReporter(io.stderr, 'events'),
    });
    endProgress(io.stderr);
    if (args.flags.has('json')) {
      io.stdout.write(`${JSON.stringify({ intact: result.findings.length === 0, ...result })}\n`);
    } else {
      for (const f of result.findings) io.stdout.write(`${formatFinding(f)}\n`);
      io.stdout.write(
        `${result.events} events, ${result.checkpoints} checkpoints checked: ${result.findings.length ? `${result.findings.length} finding(s)` : 'intact'}\n`,
      );
    }
    return result.findings.length ? 1 : 0;
  },
};
