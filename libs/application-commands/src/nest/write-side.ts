import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { createPool, eventStoreSettings, openEventStore, type EventStore, type EventStoreChoice } from '@adminduk/event-store';
import { BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import type { Logger } from '@adminduk/observability';
import type { ApplicationCommands } from '../application-commands';
import type { Clock } from '../clock.port';
import { postgresApplicationCommands } from '../postgres-application-commands';

export const WRITE_SIDE_SETTINGS = Symbol('WRITE_SIDE_SETTINGS');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const CLOCK = Symbol('CLOCK');

export interface WriteSideSettings {
  eventStoreUrl: string;
  readModelUrl: string;
  /** EVENT_STORE / EVENTSTOREDB_URL of the service's validated config (postgres when absent). */
  eventStore?: EventStoreChoice;
}

/**
 * The event store and the PostgreSQL pool behind the application commands, connected in the
 * background so the service is live at once and ready when PostgreSQL is.
 */
@Injectable()
export class WriteSide implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly deps: BackgroundDependency<{ store: EventStore; commands: ApplicationCommands }>;
  private readonly pool: Pool;

  constructor(
    @Inject(WRITE_SIDE_SETTINGS) settings: WriteSideSettings,
    @Inject(SERVICE_LOGGER) logger: Logger,
    @Inject(CLOCK) clock: Clock,
    private readonly readiness: ReadinessRegistry,
  ) {
    // The duplicate check (postgres-open-applications.ts) holds a connection for one round trip per
    // submission; sized for the concurrency a writer serves.
    this.pool = createPool({ connectionString: settings.readModelUrl, max: 24 });
    this.deps = new BackgroundDependency<{ store: EventStore; commands: ApplicationCommands }>(
      'postgres',
      async () => {
        await assertMigrated(this.pool); // never creates tables: `npm run migrate` does
        const store = await openEventStore(eventStoreSettings(settings.eventStore ?? {}, settings.eventStoreUrl, 10));
        const commands = postgresApplicationCommands(store, this.pool, clock);
        return { store, commands };
      },
      logger,
      ({ store }) => store.close(),
    );
  }

  onApplicationBootstrap(): void {
    // Connected once is not enough: a later outage must turn readiness off again.
    this.readiness.register('postgres', async () => this.deps.ready && (await this.pool.query('SELECT 1')).rowCount === 1);
  }

  async applicationCommands(): Promise<ApplicationCommands> {
    return (await this.deps.get()).commands;
  }

  /** The read-model database (deadline scans, duplicate checks). */
  readModels(): Pool {
    return this.pool;
  }

  async eventStore(): Promise<EventStore> {
    return (await this.deps.get()).store;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.deps.close();
    await this.pool.end();
  }
}

/** The part of a writer's validated config the write side reads. */
export type WriteSideConfig = EventStoreChoice & { DATABASE_URL: string; READ_MODEL_DATABASE_URL?: string };

/**
 * The providers every writer's module has: the write side on the service's databases, its logger
 * and its clock (under SERVICE_LOGGER and CLOCK, which the service's own providers inject too).
 */
export function writeSideProviders(config: WriteSideConfig, logger: Logger, clock: Clock): Provider[] {
  const settings: WriteSideSettings = {
    eventStoreUrl: config.DATABASE_URL,
    readModelUrl: config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL,
    eventStore: config,
  };
  return [
    { provide: WRITE_SIDE_SETTINGS, useValue: settings },
    { provide: SERVICE_LOGGER, useValue: logger },
    { provide: CLOCK, useValue: clock },
    WriteSide,
  ];
}
