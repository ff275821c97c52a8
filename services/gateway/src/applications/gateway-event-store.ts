import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { openEventStore, type EventStore, type EventStoreSettings } from '@adminduk/event-store';
import { BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { GATEWAY_LOGGER } from './applications.query';

/** The gateway's event store (its config's choice and database): `eventStoreSettings` of libs/event-store. */
export const EVENT_STORE_SETTINGS = Symbol('EVENT_STORE_SETTINGS');

/**
 * The gateway's one connection to the event store: the history and the submitted data are read from
 * the application's stream, and staff reads are recorded on its access stream. Comes up in the
 * background; until it answers the gateway is not ready and these routes answer 503.
 */
@Injectable()
export class GatewayEventStore implements OnApplicationBootstrap, OnApplicationShutdown {
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

  /** The store now, or a 503 while it is down: requests never hang on it. */
  async get(): Promise<EventStore> {
    return this.store.current();
  }

  /** Resolves once the store is up (start-up work that waits rather than fails). */
  async whenUp(): Promise<EventStore> {
    return this.store.get();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
