import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { applicationStreamId } from '@adminduk/domain';
import { openEventStore, verifyChain, type EventStore, type EventStoreSettings } from '@adminduk/event-store';
import { BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { GATEWAY_LOGGER } from './applications.query';

/** The gateway's event store (its config's choice and database): `eventStoreSettings` of libs/event-store. */
export const EVENT_STORE_SETTINGS = Symbol('EVENT_STORE_SETTINGS');

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
export class ApplicationHistoryQuery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly store: BackgroundDependency<EventStore>;

  constructor(
    @Inject(EVENT_STORE_SETTINGS) settings: EventStoreSettings,
    @Inject(GATEWAY_LOGGER) logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.store = new BackgroundDependency<EventStore>(
      'event-store',
      () => openEventStore(settings),
      logger,
      (s) => s.close(),
    );
  }

  onApplicationBootstrap(): void {
    this.readiness.register('event-store', () => this.store.ready);
  }

  async history(applicationId: string): Promise<{ entries: HistoryEntry[]; chainIntact: boolean }> {
    const events = await (await this.store.get()).readStream(applicationStreamId(applicationId));
    return {
      chainIntact: verifyChain(events) === null,
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

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
