import { eventStoreSettings, openEventStore } from './open-event-store';

// The variables themselves are validated with the service's config (libs/config eventStoreEnv).
describe('the event store a service opens, from its config', () => {
  it('defaults to PostgreSQL', () => {
    expect(eventStoreSettings({}, 'postgres://x/db', 4)).toEqual({
      kind: 'postgres',
      postgresUrl: 'postgres://x/db',
      kurrentDbUrl: undefined,
      poolMax: 4,
    });
  });

  it('takes KurrentDB with its URL', () => {
    expect(
      eventStoreSettings({ EVENT_STORE: 'kurrentdb', EVENTSTOREDB_URL: 'kurrentdb://k:2113?tls=false' }, 'postgres://x/db'),
    ).toMatchObject({
      kind: 'kurrentdb',
      kurrentDbUrl: 'kurrentdb://k:2113?tls=false',
    });
  });

  it('refuses KurrentDB without EVENTSTOREDB_URL', async () => {
    await expect(openEventStore({ kind: 'kurrentdb', postgresUrl: 'postgres://x/db' })).rejects.toThrow(/EVENTSTOREDB_URL is required/);
  });
});
