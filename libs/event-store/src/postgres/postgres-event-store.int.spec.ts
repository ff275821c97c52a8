import { createTestSchema } from '@adminduk/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

describe('PostgresEventStore contract', () => {
  eventStoreContract(async () => {
    const schema = await createTestSchema('es_contract');
    const store = await PostgresEventStore.create({ connectionString: schema.url, max: 8, pollIntervalMs: 200 });
    return { store, dispose: () => schema.drop() };
  });
});
