import { randomBytes } from 'node:crypto';
import { createUser } from 'nkeys.js';
import { generateCommandAssertionKeys } from '@adminduk/application-commands';
import { selfPrintPublicKeyOf } from '@adminduk/self-print-token';

/**
 * Made-up values of the right shape for every key a service's Secret holds (tools/k8s secretKeysOf),
 * so the images can be started with exactly what the regency overlay gives them. Nothing real.
 */
export function madeUpSecretValues(): Record<string, string> {
  const assertion = generateCommandAssertionKeys();
  const linkSeed = randomBytes(32).toString('base64url');
  return {
    DATABASE_URL: 'postgres://service:password@adminduk-pg-rw.adminduk-data.svc.cluster.local:5432/adminduk',
    NATS_NKEY_SEED: new TextDecoder().decode(createUser().getSeed()),
    COMMAND_ASSERTION_PUBLIC_KEYS: assertion.publicKeyPem,
    COMMAND_ASSERTION_PRIVATE_KEY: assertion.privateKeyPem,
    EVENTSTOREDB_URL: 'kurrentdb+discover://admin:password@kurrentdb.adminduk-data.svc.cluster.local:2113?tls=true',
    S3_ACCESS_KEY: 'service-access-key',
    S3_SECRET_KEY: randomBytes(24).toString('hex'),
    SMTP_HOST: 'smtp.example.go.id',
    SMTP_USER: 'adminduk',
    SMTP_PASSWORD: randomBytes(12).toString('hex'),
    DOCUMENT_ID_SECRET: randomBytes(32).toString('hex'),
    SELF_PRINT_SIGNING_SEED: linkSeed,
    SELF_PRINT_PUBLIC_KEYS: selfPrintPublicKeyOf(linkSeed),
    SURVEY_RESPONSE_KEY: randomBytes(32).toString('base64url'),
    COMPLAINT_TRACKING_KEY: randomBytes(32).toString('base64url'),
    SURVEY_LINK_SIGNING_SEED: randomBytes(32).toString('base64url'),
  };
}
