import { z } from 'zod';
import { booleanFlag, eventStoreEnv, logLevel, natsUrl, port, postgresUrl, positiveInt } from './fields';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({
  DATABASE_URL: postgresUrl(),
  NATS_URL: natsUrl(),
  PORT: port().default('3000'),
  LOG_LEVEL: logLevel().default('info'),
  RELAY_BATCH: positiveInt().optional(),
  TRACE_SQL: booleanFlag().default('false'),
});

function attempt(env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const exits: number[] = [];
  const exit = (code: number): never => {
    exits.push(code);
    throw new Error('exit');
  };
  let config: z.infer<typeof schema> | undefined;
  try {
    config = loadConfig(schema, env, { exit, write: (l) => lines.push(l) });
  } catch (e) {
    if ((e as Error).message !== 'exit') throw e;
  }
  return { config, lines, exits };
}

describe('loadConfig', () => {
  it('returns typed, transformed values and applies defaults', () => {
    const { config, lines, exits } = attempt({
      ADMINDUK_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/adminduk',
      NATS_URL: 'nats://127.0.0.1:4222, nats://10.0.0.2:4222',
      RELAY_BATCH: '500',
      UNRELATED: 'x',
    });
    expect(lines).toEqual([]);
    expect(exits).toEqual([]);
    expect(config).toEqual({
      ADMINDUK_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/adminduk',
      NATS_URL: ['nats://127.0.0.1:4222', 'nats://10.0.0.2:4222'],
      PORT: 3000,
      LOG_LEVEL: 'info',
      RELAY_BATCH: 500,
      TRACE_SQL: false,
    });
  });

  it('names every missing or bad variable in one line and exits with 1', () => {
    const { config, lines, exits } = attempt({
      ADMINDUK_ENV: 'test',
      NATS_URL: 'http://127.0.0.1:4222',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      RELAY_BATCH: '0',
      TRACE_SQL: 'yes',
    });
    expect(config).toBeUndefined();
    expect(exits).toEqual([1]);
    expect(lines).toEqual([
      'config error: DATABASE_URL is required; NATS_URL must be a nats:// URL; PORT must be a port number (0-65535); ' +
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; RELAY_BATCH must be a positive integer; ' +
        'TRACE_SQL must be true or false',
    ]);
  });

  it('treats an empty value as missing', () => {
    const { lines } = attempt({ ADMINDUK_ENV: 'test', DATABASE_URL: '', NATS_URL: 'nats://127.0.0.1:4222' });
    expect(lines).toEqual(['config error: DATABASE_URL is required']);
  });

  it('rejects a URL of the wrong kind', () => {
    const { lines } = attempt({ ADMINDUK_ENV: 'test', DATABASE_URL: 'mysql://x@y/z', NATS_URL: 'not a url' });
    expect(lines).toEqual(['config error: DATABASE_URL must be a postgres:// URL; NATS_URL must be a nats:// URL']);
  });

  it('throws a ConfigError carrying the problems when exit does not end the process', () => {
    const run = () =>
      loadConfig(
        z.object({ A: z.string() }),
        { ADMINDUK_ENV: 'test' },
        { exit: (() => undefined) as unknown as (c: number) => never, write: () => undefined },
      );
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('config error: A is required');
  });

  it('never echoes the rejected value (it may be a secret)', () => {
    const { lines } = attempt({ ADMINDUK_ENV: 'test', DATABASE_URL: 'mysql://admin:s3cret@db/x', NATS_URL: 'nats://n:4222' });
    expect(lines.join('')).not.toContain('s3cret');
  });

  it('validates the event-store choice with the rest: an unknown kind, or kurrentdb without its URL, is one line', () => {
    const withStore = schema.merge(eventStoreEnv());
    const run = (env: Record<string, string>) => {
      const lines: string[] = [];
      let config: unknown;
      try {
        config = loadConfig(
          withStore,
          { ADMINDUK_ENV: 'test', DATABASE_URL: 'postgres://p@h/d', NATS_URL: 'nats://n:4222', ...env },
          {
            exit: (() => undefined) as unknown as (c: number) => never,
            write: (l) => lines.push(l),
          },
        );
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
      }
      return { config, lines };
    };
    expect(run({}).config).toMatchObject({ EVENT_STORE: 'postgres' });
    expect(run({ EVENT_STORE: 'mongo' }).lines).toEqual(['config error: EVENT_STORE must be postgres or kurrentdb']);
    expect(run({ EVENT_STORE: 'kurrentdb' }).lines).toEqual(['config error: EVENTSTOREDB_URL is required when EVENT_STORE is kurrentdb']);
    expect(run({ EVENT_STORE: 'kurrentdb', EVENTSTOREDB_URL: 'kurrentdb://k:2113?tls=false' }).config).toMatchObject({
      EVENT_STORE: 'kurrentdb',
      EVENTSTOREDB_URL: 'kurrentdb://k:2113?tls=false',
    });
  });
});
