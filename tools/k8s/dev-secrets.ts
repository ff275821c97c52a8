/**
 * Every Secret the dev overlay references, with fresh development values, as YAML on stdout (never
 * written to the repository):
 *   node -r @swc-node/register tools/k8s/dev-secrets.ts | kubectl apply -f -
 * One database user (the owner CloudNativePG bootstraps), MinIO's root keys, the KurrentDB `admin`
 * user, new bus nkeys and command-assertion keys, a development PKI for signing, a checkpoint key.
 * Production Secrets come from the regency's secret store instead (k8s/README.md, step 3).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createUser } from 'nkeys.js';
import { stringify } from 'yaml';
import { createDevPki } from '@adminduk/kk-document';
import { BUS_SERVICES } from '@adminduk/messaging';
import { freshApplicationKeys } from './application-keys';
import { ENGINES_NAMESPACE, NAMESPACE, PLATFORM_SERVICES } from './platform-services';
import { resourceName } from './k8s-objects';
import { secretKeysOf } from './service-settings';

interface SecretObject {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string };
  type: string;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

const secret = (namespace: string, name: string, stringData: Record<string, string>, type = 'Opaque'): SecretObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  type,
  stringData,
});

export function devSecrets(): SecretObject[] {
  const password = () => randomBytes(18).toString('base64url');
  const db = { user: 'adminduk_migrate', password: password() };
  const databaseUrl = `postgres://${db.user}:${db.password}@adminduk-pg-rw.${ENGINES_NAMESPACE}.svc.cluster.local:5432/adminduk`;
  const minio = { user: 'adminduk', password: password() };
  const eventStoreUrl = `kurrentdb+discover://admin:changeit@kurrentdb.${ENGINES_NAMESPACE}.svc.cluster.local:2113?tls=true&tlsVerifyCert=false`;
  const seeds = Object.fromEntries(BUS_SERVICES.map((s) => [s, createUser()]));
  const values: Record<string, string> = {
    ...freshApplicationKeys(),
    DATABASE_URL: databaseUrl,
    EVENTSTOREDB_URL: eventStoreUrl,
    S3_ACCESS_KEY: minio.user,
    S3_SECRET_KEY: minio.password,
    // The dev overlay sends no real mail: a catch-all SMTP server of your own, if any.
    SMTP_HOST: 'mailpit.adminduk.svc.cluster.local',
    SMTP_USER: '',
    SMTP_PASSWORD: '',
  };
  const out: SecretObject[] = [];
  for (const s of PLATFORM_SERVICES) {
    const keys = secretKeysOf(s);
    if (!keys.length) continue;
    const data = Object.fromEntries(keys.map((k) => [k, values[k]]));
    if (keys.includes('NATS_NKEY_SEED')) data.NATS_NKEY_SEED = new TextDecoder().decode(seeds[s.name].getSeed());
    out.push(secret(NAMESPACE, resourceName(s.name), data));
  }
  const pki = createDevPki({ signerCommonName: 'Kepala Dinas (dev)' });
  out.push({
    ...secret(NAMESPACE, 'adminduk-signing-pki', { 'signer.passphrase': pki.passphrase, 'ca.crt.pem': pki.caCertPem }),
    data: { 'signer.p12': pki.p12.toString('base64') },
  });
  const checkpointKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  out.push(secret(NAMESPACE, 'adminduk-relay-checkpoint-key', { 'checkpoint-key.pem': checkpointKey }));
  out.push(secret(NAMESPACE, 'adminduk-migrate', { DATABASE_URL: databaseUrl }));
  out.push(secret(NAMESPACE, 'adminduk-kurrentdb-contract', { EVENTSTOREDB_URL: eventStoreUrl }));
  // The engines' side: the bus users' public keys (the NATS chart), the database owner, MinIO's root.
  out.push(secret(ENGINES_NAMESPACE, 'adminduk-bus-nkeys', Object.fromEntries(BUS_SERVICES.map((s) => [s, seeds[s].getPublicKey()]))));
  out.push(secret(ENGINES_NAMESPACE, 'adminduk-pg-migrate', { username: db.user, password: db.password }, 'kubernetes.io/basic-auth'));
  out.push(
    secret(ENGINES_NAMESPACE, 'adminduk-minio-env', {
      'config.env': `export MINIO_ROOT_USER=${minio.user}\nexport MINIO_ROOT_PASSWORD=${minio.password}\n`,
    }),
  );
  return out;
}

if (require.main === module) {
  process.stdout.write(
    devSecrets()
      .map((s) => stringify(s, { lineWidth: 0 }))
      .join('---\n'),
  );
}
