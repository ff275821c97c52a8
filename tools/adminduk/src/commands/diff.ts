import { parseArgs, UsageError } from '../args';
import { storeAccess } from '../access';
import { auditedId, readAuditedStream, recordStateRead } from '../audited-read';
import type { Command } from '../command';

/**
 * What changed in the application's (or complaint's) state between two points (each a revision or a
 * time): a structural diff of the two folded states, leaf by leaf. Recorded as a read of personal data.
 */
export const command: Command = {
  usage: 'adminduk diff ID --from X --to Y [--json]   (X, Y: a revision, or a time: ISO-8601, WIB when no offset)',
  async run(argv, io) {
    const args = parseArgs(argv, ['from', 'to']);
    const id = auditedId(args.positionals);
    const from = args.options.get('from');
    const to = args.options.get('to');
    if (from === undefined || to === undefined) throw new UsageError('give both --from and --to');
    const access = storeAccess(io.env);
    const { diffStates, formatDiff, parsePoint, stateAt } = await import('@adminduk/audit');
    let points;
    try {
      points = [parsePoint(from), parsePoint(to)];
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { streamId, events } = await readAuditedStream(access, id);
    const [before, after] = points.map((p) => stateAt(streamId, events, p));
    const changes = diffStates(before.state, after.state);
    await recordStateRead(access, streamId, id, io.env);
    if (args.flags.has('json')) io.stdout.write(`${JSON.stringify({ streamId, from: before.revision, to: after.revision, changes })}\n`);
    else io.stdout.write(`${streamId}: revision ${before.revision ?? '-'} -> ${after.revision ?? '-'}\n${formatDiff(changes)}`);
    return 0;
  },
};
