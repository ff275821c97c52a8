import { generateCommandAssertionKeys } from '@adminduk/application-commands';
import { ConfigError, loadConfig, type z } from '@adminduk/config';
import { serviceEnv } from '@adminduk/http';
import { documentsEnvSchema } from '@adminduk/documents/testing';
import { intakeEnv } from '@adminduk/intake/testing';
import { verificationEnv } from '@adminduk/verification/testing';
import { gatewayEnv } from './gateway.config';

/**
 * The production rules hold for the platform's real service configs, not only for the schema in
 * libs/config's own tests: started with nothing but ADMINDUK_ENV=production, each refuses.
 */
const keys = generateCommandAssertionKeys();
const services: Array<[string, z.ZodTypeAny, Record<string, string>]> = [
  [
    'gateway',
    gatewayEnv,
    {
      PORT: '3000',
      AUTH_JWKS_URL: 'https://sso.example/jwks',
      AUTH_ISSUER: 'https://sso.example',
      COMMAND_ASSERTION_PRIVATE_KEY: keys.privateKeyPem,
    },
  ],
  ['intake', intakeEnv, { PORT: '3102', COMMAND_ASSERTION_PUBLIC_KEYS: keys.publicKeyPem }],
  ['verification', verificationEnv, { PORT: '3106', COMMAND_ASSERTION_PUBLIC_KEYS: keys.publicKeyPem }],
  ['projections', serviceEnv, { PORT: '3103' }],
  [
    'documents',
    documentsEnvSchema,
    {
      DATABASE_URL: 'postgres://postgres@127.0.0.1/adminduk',
      AUTH_JWKS_URL: 'https://sso.example/jwks',
      AUTH_ISSUER: 'https://sso.example',
    },
  ],
];

function problems(schema: z.ZodTypeAny, env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env, { exit: (() => undefined) as never, write: () => undefined });
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

describe.each(services)('%s in production', (_name, schema, minimal) => {
  it('refuses the development defaults: database without a password, no bus identity, the local S3 keys', () => {
    const refused = problems(schema, { ...minimal, ADMINDUK_ENV: 'production' }).map((p) => p.split(' ')[0]);
    expect(refused).toContain('DATABASE_URL');
    if ('S3_ACCESS_KEY' in (schema.safeParse({ ...minimal, ADMINDUK_ENV: 'test' }).data ?? {})) {
      expect(refused).toEqual(expect.arrayContaining(['S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_ENDPOINT']));
    } else {
      expect(refused).toContain('NATS_NKEY_SEED');
    }
  });

  it('does not start on NODE_ENV or a misspelt environment: ADMINDUK_ENV must be named', () => {
    expect(problems(schema, { ...minimal, NODE_ENV: 'production' })).toEqual(['ADMINDUK_ENV is required']);
    expect(problems(schema, { ...minimal, ADMINDUK_ENV: 'prod' })).toEqual(['ADMINDUK_ENV must be one of development, test, production']);
  });

  it('starts with real credentials', () => {
    const real = {
      ...minimal,
      ADMINDUK_ENV: 'production',
      DATABASE_URL: 'postgres://adminduk_svc:a-real-secret@db.internal:5432/adminduk',
      NATS_NKEY_SEED: `SU${'A'.repeat(56)}`,
      S3_ENDPOINT: 'https://minio.internal',
      S3_ACCESS_KEY: 'documents-svc',
      S3_SECRET_KEY: 'a-real-secret',
    };
    expect(problems(schema, real)).toEqual([]);
  });

  it('starts in test with the local defaults', () => {
    expect(problems(schema, { ...minimal, ADMINDUK_ENV: 'test' })).toEqual([]);
  });
});
