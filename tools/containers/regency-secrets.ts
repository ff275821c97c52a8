import { randomBytes } from 'node:crypto';
import { createUser } from 'nkeys.js';
import { freshApplicationKeys } from '../k8s/application-keys';

/**
 * Made-up values of the right shape for every key a service's Secret holds (tools/k8s secretKeysOf),
 * so the images can be started with exactly what the regency overlay gives them. Nothing real: the
 * platform's own keys fresh as for the dev overlay (tools/k8s freshApplicationKeys), the engines' made up.
 */
export function madeUpSecretValues(): Record<string, string> {
  return {
    ...freshApplicationKeys(),
    DATABASE_URL: 'postgres://service:password@adminduk-pg-rw.adminduk-data.svc.cluster.local:5432/adminduk',
    NATS_NKEY_SEED: new TextDecoder().decode(createUser().getSeed()),
    EVENTSTOREDB_URL: 'kurrentdb+discover://admin:password@kurrentdb.adminduk-data.svc.cluster.local:2113?tls=true',
    S3_ACCESS_KEY: 'service-access-key',
    S3_SECRET_KEY: randomBytes(24).toString('hex'),
    SMTP_HOST: 'smtp.example.go.id',
    SMTP_USER: 'adminduk',
    SMTP_PASSWORD: randomBytes(12).toString('hex'),
  };
}
