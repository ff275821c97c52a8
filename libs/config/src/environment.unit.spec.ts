import { z } from 'zod';
import { developmentOnlyEnv } from './environment';
import { natsUrl, postgresUrl } from './fields';
import { ConfigError, loadConfig } from './load-config';

/** Shaped like a service's config: the development defaults every service used to fall back on. */
const service = z.object({
  DATABASE_URL: postgresUrl().default('postgres://postgres@127.0.0.1:5432/adminduk'),
  READ_MODEL_DATABASE_URL: z.string().optional(),
  NATS_URL: natsUrl().default('nats://127.0.0.1:4222'),
  NATS_NKEY_SEED: z.string().optional(),
});
const storage = z.object({
  S3_ENDPOINT: z.string().default('http://127.0.0.1:9000'),
  S3_ACCESS_KEY: z.string().default('S3RVER'),
  S3_SECRET_KEY: z.string().default('S3RVER'),
});
const devOnly = z.object({ ADMINDUK_ENV: developmentOnlyEnv('the demo part is for development only') });

function load(schema: z.ZodTypeAny, env: Record<string, string>) {
  const lines: string[] = [];
  try {
    const config = loadConfig(schema, env, { exit: (() => undefined) as never, write: (l) => lines.push(l) }) as Record<string, unknown>;
    return { config, lines };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: null, lines };
  }
}

const SEED = 'SUAJ2BJ5MKYSR3ZPLUCPRFTWYXJZDSVSVDQMEDRRCYMAIAIYMQQSEXBGYY';
const production = {
  ADMINDUK_ENV: 'production',
  DATABASE_URL: 'postgres://adminduk_intake:a-real-secret@db.internal:5432/adminduk',
  NATS_NKEY_SEED: SEED,
};

describe('ADMINDUK_ENV', () => {
  it('is required: no default, whatever NODE_ENV says', () => {
    expect(load(service, { NODE_ENV: 'development' }).lines).toEqual(['config error: ADMINDUK_ENV is required']);
    expect(load(service, {}).config).toBeNull();
  });

  it('refuses anything but development, test or production ("prod" is not production)', () => {
    for (const value of ['prod', 'Production', 'dev', 'staging']) {
      expect(load(service, { ADMINDUK_ENV: value }).lines).toEqual([
        'config error: ADMINDUK_ENV must be one of development, test, production',
      ]);
    }
  });

  it('is read once into the config', () => {
    expect(load(service, { ADMINDUK_ENV: 'test' }).config).toMatchObject({
      ADMINDUK_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/adminduk',
    });
  });

  it('lets a development-only part run in development and test only, with one line otherwise', () => {
    expect(load(devOnly, { ADMINDUK_ENV: 'development' }).config).toEqual({ ADMINDUK_ENV: 'development' });
    expect(load(devOnly, { ADMINDUK_ENV: 'test' }).config).toEqual({ ADMINDUK_ENV: 'test' });
    expect(load(devOnly, { ADMINDUK_ENV: 'production' }).lines).toEqual([
      'config error: ADMINDUK_ENV must be development or test: the demo part is for development only',
    ]);
    expect(load(devOnly, {}).lines).toEqual(['config error: ADMINDUK_ENV is required']);
  });
});

describe('production credentials', () => {
  it('starts with explicit credentials', () => {
    expect(load(service, production)).toEqual({ config: expect.objectContaining({ ADMINDUK_ENV: 'production' }), lines: [] });
    const objects = { ...production, S3_ENDPOINT: 'https://s3.internal', S3_ACCESS_KEY: 'AKIAREAL', S3_SECRET_KEY: 'real-secret' };
    expect(load(service.merge(storage), objects).lines).toEqual([]);
  });

  it('refuses the default database URL, and one without a password', () => {
    const { DATABASE_URL: _, ...withoutDb } = production;
    expect(load(service, withoutDb).lines).toEqual([
      'config error: DATABASE_URL must be set explicitly in production (the development default is refused)',
    ]);
    expect(load(service, { ...production, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/adminduk' }).lines).toEqual([
      'config error: DATABASE_URL must carry a password in production (user:password@host)',
    ]);
    expect(load(service, { ...production, READ_MODEL_DATABASE_URL: 'postgres://reader@replica/adminduk' }).lines).toEqual([
      'config error: READ_MODEL_DATABASE_URL must carry a password in production (user:password@host)',
    ]);
  });

  it('refuses a service on the bus without its credentials', () => {
    const { NATS_NKEY_SEED: _, ...anonymous } = production;
    expect(load(service, anonymous).lines).toEqual([
      'config error: NATS_NKEY_SEED is required in production (the service’s own identity on the bus)',
    ]);
  });

  it('refuses the development S3 keys, missing keys and plain http', () => {
    expect(load(service.merge(storage), production).lines).toEqual([
      'config error: S3_ACCESS_KEY must be set explicitly in production (the development server’s key is refused); ' +
        'S3_SECRET_KEY must be set explicitly in production (the development server’s key is refused); S3_ENDPOINT must be an https:// URL in production',
    ]);
    const devKeys = { ...production, S3_ENDPOINT: 'https://s3.internal', S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' };
    expect(load(service.merge(storage), devKeys).lines[0]).toMatch(
      /^config error: S3_ACCESS_KEY must be set explicitly.*; S3_SECRET_KEY must be set explicitly/,
    );
  });

  it('asks only for what the service uses, and never echoes a credential', () => {
    expect(load(z.object({ PORT: z.string().default('1') }), { ADMINDUK_ENV: 'production' }).lines).toEqual([]);
    const { lines } = load(service, {
      ...production,
      DATABASE_URL: 'postgres://postgres@db/x',
      READ_MODEL_DATABASE_URL: 'postgres://leaky-user@db/x',
    });
    expect(lines.join('')).not.toMatch(/leaky-user|postgres@db/);
  });

  it('does not apply in development and test, where the defaults are the local servers', () => {
    for (const env of ['development', 'test']) expect(load(service.merge(storage), { ADMINDUK_ENV: env }).lines).toEqual([]);
  });
});
