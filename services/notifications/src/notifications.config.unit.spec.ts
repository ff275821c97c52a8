import { ConfigError } from '@adminduk/config';
import { DEV_COMPLAINT_TRACKING_KEY, DEV_SELF_PRINT_SEED } from '@adminduk/self-print-token';
import { loadNotificationsConfig } from './notifications.config';

const PRODUCTION = {
  ADMINDUK_ENV: 'production',
  DATABASE_URL: 'postgres://notifications:secret@db:5432/adminduk',
  NATS_URL: 'nats://bus:4222',
  NATS_NKEY_SEED: `SU${'A'.repeat(56)}`,
  SMTP_HOST: 'smtp.sidoarjokab.go.id',
  SELF_PRINT_BASE_URL: 'https://layanan.sidoarjokab.go.id',
  SELF_PRINT_SIGNING_SEED: Buffer.alloc(32, 7).toString('base64url'),
  COMPLAINT_TRACKING_KEY: Buffer.alloc(32, 9).toString('base64url'),
};

/** The one line loadConfig would print before exiting, or the config. */
function load(env: Record<string, string | undefined>) {
  try {
    return { config: loadNotificationsConfig(env, { exit: (() => undefined) as never, write: () => undefined }) };
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.message };
    throw e;
  }
}

describe('notifications config', () => {
  it('production: accepted with an SMTP relay, a public link address and its own signing seed', () => {
    const { config, error } = load(PRODUCTION);
    expect(error).toBeUndefined();
    expect(config).toMatchObject({
      SMTP_HOST: 'smtp.sidoarjokab.go.id',
      SMTP_PORT: 1025,
      NOTIFY_MAX_ATTEMPTS: 8,
      TEXT_MESSAGE_ADAPTER: 'none',
    });
  });

  it('production refuses a missing SMTP host, the development signing and tracking keys and the file text adapter', () => {
    const { error } = load({
      ...PRODUCTION,
      SMTP_HOST: undefined,
      SELF_PRINT_SIGNING_SEED: DEV_SELF_PRINT_SEED,
      COMPLAINT_TRACKING_KEY: DEV_COMPLAINT_TRACKING_KEY,
      TEXT_MESSAGE_ADAPTER: 'file',
    });
    expect(error).toMatch(/COMPLAINT_TRACKING_KEY must not be the development key/);
    expect(error).toMatch(/SMTP_HOST is required in production/);
    expect(error).toMatch(/SELF_PRINT_SIGNING_SEED must not be the development key/);
    expect(error).toMatch(/TEXT_MESSAGE_ADAPTER must not be file in production/);
  });

  it('development sends to the local server by default', () => {
    const { config } = load({ ADMINDUK_ENV: 'development' });
    expect(config?.SMTP_HOST).toBeUndefined(); // senders-from-config: 127.0.0.1 (maildev)
    expect(config?.SMTP_PORT).toBe(1025);
  });

  it('the HTTP text provider needs its URL and token; a claim lease shorter than a send is refused', () => {
    expect(load({ ADMINDUK_ENV: 'test', TEXT_MESSAGE_ADAPTER: 'http' }).error).toMatch(
      /TEXT_PROVIDER_URL is required when TEXT_MESSAGE_ADAPTER=http; TEXT_PROVIDER_TOKEN is required/,
    );
    expect(load({ ADMINDUK_ENV: 'test', SMTP_TIMEOUT_MS: '10000', NOTIFY_CLAIM_LEASE_MS: '20000' }).error).toMatch(
      /NOTIFY_CLAIM_LEASE_MS must exceed three SMTP_TIMEOUT_MS/,
    );
    // A claim ending as the send is abandoned could let the next sender in beside it.
    expect(load({ ADMINDUK_ENV: 'test', SMTP_TIMEOUT_MS: '2000', NOTIFY_CLAIM_LEASE_MS: '6000' }).error).toMatch(/NOTIFY_CLAIM_LEASE_MS/);
    expect(load({ ADMINDUK_ENV: 'test', SMTP_TIMEOUT_MS: '2000', NOTIFY_CLAIM_LEASE_MS: '7000' }).error).toBeUndefined();
  });
});
