import { describeWhere } from '@adminduk/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { kurrentDbTarget } from './kurrentdb-test-target';

jest.setTimeout(180000);

const target = kurrentDbTarget();

describeWhere('KurrentDbEventStore contract', target.skipReason, () => {
  eventStoreContract(async () => {
    const server = await target.start();
    const store = KurrentDbEventStore.fromConnectionString(server.connectionString);
    return { store, dispose: () => server.stop() };
  });
});
