import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Ed25519 keys of the self-print links, as configuration carries them: the 32-byte seed (signer:
 * the notifications service) or the 32-byte public key (verifier: the printing service), base64url.
 * Ed25519 rather than an HMAC so the service that serves the KK holds no key able to mint links.
 */

// DER prefixes of PKCS#8 (private) and SPKI (public) Ed25519 keys; the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SelfPrintSigningKey {
  /** First 8 bytes of SHA-256 of the public key: which key signed a token (rotation). */
  keyId: Buffer;
  privateKey: KeyObject;
}

export interface SelfPrintVerifyKey {
  keyId: Buffer;
  publicKey: KeyObject;
}

/**
 * The development key: infra/start.sh and the tests use it; configuration refuses it in production
 * (selfPrintKeyProblems). Anyone can read it here, so a link signed with it proves nothing.
 */
export const DEV_SELF_PRINT_SEED = 'ZGV2LW9ubHktc2VsZi1wcmludC1rZXktYWRtaW5kdWs';

function raw32(value: string, what: string): Buffer {
  const bytes = Buffer.from(value.trim(), 'base64url');
  if (bytes.length !== 32) throw new RangeError(`${what} must be 32 bytes in base64url`);
  return bytes;
}

const keyIdOf = (publicRaw: Buffer): Buffer => createHash('sha256').update(publicRaw).digest().subarray(0, 8);

export function selfPrintSigningKey(seedBase64url: string): SelfPrintSigningKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw32(seedBase64url, 'seed')]), format: 'der', type: 'pkcs8' });
  const publicRaw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { keyId: keyIdOf(publicRaw), privateKey };
}

export function selfPrintVerifyKey(publicBase64url: string): SelfPrintVerifyKey {
  const publicRaw = raw32(publicBase64url, 'public key');
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicRaw]), format: 'der', type: 'spki' });
  return { keyId: keyIdOf(publicRaw), publicKey };
}

/** The public key (base64url) of a seed: what the verifier is configured with. */
export function selfPrintPublicKeyOf(seedBase64url: string): string {
  const { privateKey } = selfPrintSigningKey(seedBase64url);
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('base64url');
}

export const DEV_SELF_PRINT_PUBLIC_KEY = selfPrintPublicKeyOf(DEV_SELF_PRINT_SEED);
