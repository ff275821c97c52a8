import { integerOption, parseArgs, UsageError } from '../args';
import { storeAccess } from '../access';
import { auditedId, readAuditedStream, recordStateRead } from '../audited-read';
import type { Command } from '../command';

/**
 * The application's (or complaint's) state at a point of its history, folded from its own events by
 * the domain's evolve: after revision N, or as it stood at a time (ISO-8601; WIB when no offset).
 * The state holds personal data: the read is recorded first (fail closed).
 */
export const command: Command = {
  usage: 'adminduk state ID (--at TIME | --revision N) [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['at', 'revision']);
    const id = auditedId(args.positionals);
    const revision = integerOption(args, 'revision');
    const at = args.options.get('at');
    if ((revision === undefined) === (at === undefined)) throw new UsageError('give exactly one of --at TIME and --revision N');
    const access = storeAccess(io.env);
    const { parsePoint, stateAt } = await import('@adminduk/audit');
    let point;
    try {
      point = revision !== undefined ? { revision } : parsePoint(at!);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { streamId, events } = await readAuditedStream(access, id);
    const result = stateAt(streamId, events, point);
    await recordStateRead(access, streamId, id, io.env);
    if (args.flags.has('json')) io.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const where = result.revision === null ? 'before its first event' : `after revision ${result.revision} (${result.occurredAt})`;
      io.stdout.write(`${streamId} ${where}\n${JSON.stringify(result.state, null, 2)}\n`);
    }
    return 0;
  },
};
