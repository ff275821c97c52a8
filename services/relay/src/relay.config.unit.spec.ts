import { ConfigError } from '@adminduk/config';
import { loadRelayConfig } from './relay.config';

/** loadRelayConfig through the one error path (libs/config): lines written, exit intercepted. */
function attempt(env: Record<string, string>) {
  const lines: string[] = [];
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((l) => (lines.push(String(l).trim()), true));
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    return { config: loadRelayConfig({ ADMINDUK_ENV: 'test', ...env }), lines, exited: exit.mock.calls };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: undefined, lines, exited: exit.mock.calls };
  } finally {
    write.mockRestore();
    exit.mockRestore();
  }
}

describe('the relay config', () => {
  it('takes the shared fields and its own, typed, with the defaults', () => {
    const { config, lines } = attempt({ DATABASE_URL: 'postgres://postgres@127.0.0.1/adminduk', NATS_URL: 'nats://a:4222,nats://b:4222' });
    expect(lines).toEqual([]);
    expect(config).toMatchObject({
      PORT: 9470,
      LOG_LEVEL: 'info',
      NATS_URL: ['nats://a:4222', 'nats://b:4222'],
      EVENT_STORE: 'postgres',
      RELAY_EVENTS_STREAM: 'EVENTS',
      RELAY_SUBJECT_PREFIX: 'evt',
      RELAY_MAX_IN_FLIGHT: 512,
      RELAY_CHECKPOINT_INTERVAL_MS: 200,
    });
  });

  it('refuses a bad environment with one line naming every variable, and exit 1', () => {
    const { config, lines, exited } = attempt({
      PORT: '70000',
      NATS_URL: 'http://x',
      RELAY_MAX_IN_FLIGHT: '0',
      RELAY_SUBJECT_PREFIX: 'evt.>',
      EVENT_STORE: 'mongo',
    });
    expect(config).toBeUndefined();
    expect(exited).toEqual([[1]]);
    expect(lines).toEqual([
      'config error: PORT must be a port number (0-65535); DATABASE_URL is required; NATS_URL must be a nats:// URL; ' +
        'RELAY_SUBJECT_PREFIX must be subject tokens (letters, digits, _ or -, separated by dots); ' +
        'RELAY_MAX_IN_FLIGHT must be a positive integer; EVENT_STORE must be postgres or kurrentdb',
    ]);
  });

  describe('the checkpoint signing key (decision 0022)', () => {
    const production = {
      ADMINDUK_ENV: 'production',
      DATABASE_URL: 'postgres://relay:secret@db.internal/adminduk',
      NATS_URL: 'nats://nats.internal:4222',
      NATS_NKEY_SEED: `SU${'A'.repeat(56)}`,
    };

    it('production refuses to start without it: an unsigned global log defeats the audit', () => {
      const { config, lines, exited } = attempt(production);
      expect(config).toBeUndefined();
      expect(exited).toEqual([[1]]);
      expect(lines).toEqual([
        'config error: CHECKPOINT_SIGNING_KEY_FILE is required in production (without it the global log is never signed; ' +
          'create the key with infra/checkpoint-key.sh)',
      ]);
    });

    it('production starts with it', () => {
      const { config, lines } = attempt({ ...production, CHECKPOINT_SIGNING_KEY_FILE: '/etc/adminduk/audit/checkpoint-key.pem' });
      expect(lines).toEqual([]);
      expect(config).toMatchObject({ ADMINDUK_ENV: 'production', CHECKPOINT_SIGNING_KEY_FILE: '/etc/adminduk/audit/checkpoint-key.pem' });
    });

    it.each(['development', 'test'])('%s starts without it (the relay warns and signs nothing)', (env) => {
      const { config, lines } = attempt({ ADMINDUK_ENV: env, DATABASE_URL: 'postgres://postgres@127.0.0.1/adminduk' });
      expect(lines).toEqual([]);
      expect(config?.CHECKPOINT_SIGNING_KEY_FILE).toBeUndefined();
    });
  });

  it('refuses kurrentdb without its URL', () => {
    const { lines } = attempt({ DATABASE_URL: 'postgres://p@h/d', EVENT_STORE: 'kurrentdb' });
    expect(lines).toEqual(['config error: EVENTSTOREDB_URL is required when EVENT_STORE is kurrentdb']);
  });
});
