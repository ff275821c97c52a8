import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  publicJwk: JWK;
  kid: string;
}

const FILE = 'signing-key.pem';

/**
 * The issuer's RS256 key: loaded from `dir` if present, else generated and saved there (mode 0600),
 * so tokens survive a restart of the dev issuer. `dir` is under `.local/`, which git ignores;
 * keys are never committed. Without `dir` the key lives in memory only (tests).
 */
export async function loadOrCreateSigningKey(dir?: string): Promise<SigningKey & { created: boolean }> {
  const file = dir ? path.join(dir, FILE) : undefined;
  let privateKey: KeyObject;
  let created = false;
  if (file && existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } else {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    created = true;
    if (dir && file) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
  }
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, kid, created };
}
