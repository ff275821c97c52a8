import { Injectable } from '@nestjs/common';
import { applicationStreamId } from '@adminduk/domain';
import { verifyChain, type ChainProblem } from '@adminduk/event-store';
import { GatewayEventStore } from './gateway-event-store';

/** Where the store's settings are provided (the holidays query opens its own store with them). */
export { EVENT_STORE_SETTINGS } from './gateway-event-store';

/** Events whose data is the applicant's personal data: the history names them, the detail view shows the data. */
const PERSONAL_DATA_EVENTS = new Set(['ApplicationSubmitted', 'CorrectionSubmitted', 'NewbornNikAssigned', 'KkCollected']);

export interface HistoryEntry {
  revision: number;
  type: string;
  occurredAt: string;
  actor?: { userId: string; role: string };
  data?: unknown;
  hash: string;
}

/** An application's history, read from its stream (the source of truth), with the hash chain checked. */
@Injectable()
export class ApplicationHistoryQuery {
  constructor(private readonly store: GatewayEventStore) {}

  async history(applicationId: string): Promise<{ entries: HistoryEntry[]; chainIntact: boolean; chainProblem: ChainProblem | null }> {
    const events = await (await this.store.get()).readStream(applicationStreamId(applicationId));
    // The auditor is shown which event breaks the chain, not only that it is broken.
    const chainProblem = verifyChain(events);
    return {
      chainIntact: chainProblem === null,
      chainProblem,
      entries: events.map((e) => ({
        revision: e.revision,
        type: e.type,
        occurredAt: e.metadata.occurredAt,
        actor: e.metadata.actor ? { userId: e.metadata.actor.userId, role: e.metadata.actor.role } : undefined,
        data: PERSONAL_DATA_EVENTS.has(e.type) ? undefined : e.data,
        hash: e.metadata.hash,
      })),
    };
  }
}
