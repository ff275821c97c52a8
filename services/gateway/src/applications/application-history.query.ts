import { Injectable } from '@nestjs/common';
import type { ApplicationHistory } from '@adminduk/api-contracts';
import { AccessLogRecorder, systemClock } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { applicationStreamId } from '@adminduk/domain';
import { chainMarks, verifyChain } from '@adminduk/event-store';
import { GatewayEventStore } from './gateway-event-store';

/** Where the store's settings are provided (the holidays query opens its own store with them). */
export { EVENT_STORE_SETTINGS } from './gateway-event-store';

/** Events whose data is the applicant's personal data: masked for every reader but the auditor. */
export const PERSONAL_DATA_EVENTS: ReadonlySet<string> = new Set([
  'ApplicationSubmitted',
  'CorrectionSubmitted',
  'NewbornNikAssigned',
  'KkCollected',
]);

/**
 * An application's history, read from its stream (the source of truth), every event marked with its
 * hash status. The auditor sees the personal data in it, and that read is recorded on the access
 * stream first (decision 0016: fail closed, 503 when it cannot be); every other reader sees it masked.
 */
@Injectable()
export class ApplicationHistoryQuery {
  private readonly clock = systemClock;

  constructor(private readonly store: GatewayEventStore) {}

  async history(principal: Principal, applicationId: string, kecamatan: string, correlationId: string): Promise<ApplicationHistory> {
    const store = await this.store.get();
    const events = await store.readStream(applicationStreamId(applicationId));
    const unmasked = principal.role === 'auditor';
    if (unmasked && events.some((e) => PERSONAL_DATA_EVENTS.has(e.type))) {
      await new AccessLogRecorder(store, this.clock).record(principal, applicationId, kecamatan, { kind: 'history' }, correlationId);
    }
    const { marks, firstBroken } = chainMarks(events);
    const chainProblem = verifyChain(events);
    return {
      chainIntact: chainProblem === null && firstBroken === null,
      chainProblem,
      firstBroken,
      entries: events.map((e, i) => {
        const personal = PERSONAL_DATA_EVENTS.has(e.type);
        return {
          revision: e.revision,
          eventId: e.metadata.eventId,
          type: e.type,
          occurredAt: e.metadata.occurredAt,
          actor: e.metadata.actor ? { userId: e.metadata.actor.userId, role: e.metadata.actor.role } : undefined,
          data: personal && !unmasked ? undefined : e.data,
          ...(personal ? { personalData: unmasked ? ('shown' as const) : ('masked' as const) } : {}),
          hash: e.metadata.hash,
          hashStatus: marks[i],
        };
      }),
    };
  }
}
