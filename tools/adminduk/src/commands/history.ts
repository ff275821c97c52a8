import type { ApplicationHistory } from '@adminduk/api-contracts';
import { parseArgs } from '../args';
import { accessFrom, apiGet, type ApiAccess } from '../access';
import { auditedId, readAuditedStream } from '../audited-read';
import type { Command } from '../command';

/**
 * One application's (or complaint's) timeline: time in WIB, actor and role, what happened (the
 * domain's labels), the reason given, and each event's hash status. Exit 1 when the chain is broken.
 * From the store (ADMINDUK_DATABASE_URL, read-only) or through the API (the gateway's history route).
 */
export const command: Command = {
  usage: 'adminduk history ID [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, []);
    const id = auditedId(args.positionals);
    const access = accessFrom(io.env);
    const { formatTimeline, timelineOf } = await import('@adminduk/audit');
    const timeline =
      access.kind === 'store'
        ? await readAuditedStream(access, id).then(({ streamId, events }) => timelineOf(streamId, events))
        : await timelineFromApi(access, id);
    io.stdout.write(args.flags.has('json') ? `${JSON.stringify(timeline)}\n` : formatTimeline(timeline));
    return timeline.firstBroken ? 1 : 0;
  },
};

/** The gateway's history (its hash marks computed there), worded the same way. */
async function timelineFromApi(access: ApiAccess, id: string) {
  const [{ wibStamp }, { eventLabel, eventReason }] = await Promise.all([import('@adminduk/audit'), import('@adminduk/domain')]);
  const h = await apiGet<ApplicationHistory>(access, `/api/applications/${id}/history`);
  return {
    streamId: `application-${id}`,
    firstBroken: h.firstBroken,
    entries: h.entries.map((e) => ({
      revision: e.revision,
      eventId: e.eventId,
      type: e.type,
      label: eventLabel(e.type),
      occurredAt: e.occurredAt,
      occurredAtWib: wibStamp(new Date(e.occurredAt)),
      actor: e.actor ?? null,
      reason: eventReason(e.data),
      hashStatus: e.hashStatus,
    })),
  };
}
