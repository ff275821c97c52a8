import type { Pool } from 'pg';
import type { EventStore } from '@adminduk/event-store';
import { ApplicationCommands } from './application-commands';
import { systemClock, type Clock } from './clock.port';
import { PostgresOpenApplications } from './postgres-open-applications';
import { PostgresSequenceSource } from './postgres-sequence-source';

/**
 * The application commands as every writer runs them: on this event store, with the receipt
 * sequences and the duplicate check on the read-model database behind `readModels`.
 */
export function postgresApplicationCommands(store: EventStore, readModels: Pool, clock: Clock = systemClock): ApplicationCommands {
  return new ApplicationCommands(store, new PostgresSequenceSource(readModels), new PostgresOpenApplications(readModels), clock);
}
