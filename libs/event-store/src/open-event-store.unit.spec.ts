import { eventStoreSettingsFromEnv, openEventStore } from './open-event-store';

describe('choosing the event store from the environment', () => {
  it('defaults to PostgreSQL', () => {
    expect(eventStoreSettingsFromEnv({}, 'postgres://x/db', 4)).toEqual({
      kind: 'postgres',
      postgresUrl: 'postgres://x/db',
      kurrentDbUrl: undefined,
      poolMax: 4,
    });
  });

  it('takes KurrentDB with its URL', () => {
    expect(
      eventStoreSettingsFromEnv({ EVENT_STORE: 'kurrentdb', EVENTSTOREDB_URL: 'kurrentdb://k:2113?tls=false' }, 'postgres://x/db'),
    ).toMatchObject({
      kind: 'kurrentdb',
      kurrentDbUrl: 'kurrentdb://k:2113?tls=false',
    });
  });

  it('refuses an unknown kind, naming the variable', () => {
    expect(() => eventStoreSettingsFromEnv({ EVENT_STORE: 'mongo' }, 'postgres://x/db')).toThrow(
      /EVENT_STORE must be postgres or kurrentdb/,
    );
  });

  it('refuses KurrentDB without EVENTSTOREDB_URL', async () => {
    await expect(openEventStore({ kind: 'kurrentdb', postgresUrl: 'postgres://x/db' })).rejects.toThrow(/EVENTSTOREDB_URL is required/);
  });
});
