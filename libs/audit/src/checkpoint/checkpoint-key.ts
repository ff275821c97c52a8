import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { keyIdOf } from './checkpoint-note';

/**
 * The platform's checkpoint key: Ed25519, PKCS#8 PEM. Development and tests generate one into
 * .local/audit (infra/checkpoint-key.sh); production mounts it from a secret (docs/runbook.md,
 * "Rotating the checkpoint key").
 */
export interface CheckpointSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export function checkpointSigningKey(pem: string): CheckpointSigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** The public keys a verifier trusts, from PEM files (one key per file). */
export function checkpointPublicKeys(files: readonly string[]): KeyObject[] {
  return files.map((file) => {
    const key = createPublicKey(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 public key`);
    return key;
  });
}
