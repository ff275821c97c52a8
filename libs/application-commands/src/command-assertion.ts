import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { DESA_CODE, KECAMATAN_CODE, ROLES, type Principal } from '@adminduk/auth';
import { canonicalJson } from '@adminduk/event-store';
import { ApiError, apiError } from '@adminduk/http';

/**
 * Proof of the caller on the command bus. The gateway, having verified the user's bearer token,
 * signs an assertion (a JWT, EdDSA) naming the principal, the subject the command goes to and a
 * digest of the exact payload, valid for a few seconds. A handler takes the principal from a valid
 * assertion only: a message with no assertion, another key's, another subject's, another payload's
 * or an expired one is refused before anything is decided or appended. A message replayed while
 * still valid carries the same Idempotency-Key, so it gets the first answer and appends nothing.
 *
 * The assertion also carries the sender's deadline (`dl`, ms since the epoch): the moment the
 * gateway stops waiting and answers 503. A command received after it is not run (deadline
 * propagation): a service stopped past the gateway's timeout (SIGSTOP, a long GC pause, a full
 * socket) would otherwise work off, on resuming, a queue of commands whose callers were already
 * told to retry, delaying the ones still awaited. DEADLINE_GRACE_MS absorbs small clock differences;
 * a larger one only makes a command that is already slow by that much fail early, never a fast one.
 */
export const COMMAND_ASSERTION_HEADER = 'Adminduk-Command-Assertion';
const ISSUER = 'adminduk-gateway';
const ALGORITHM = 'EdDSA';
export const COMMAND_ASSERTION_TTL_SECONDS = 30;
/** Clock difference tolerated between the gateway and a service. */
const CLOCK_SKEW_SECONDS = 5;
/** Past its deadline by more than this, a command is not run. */
export const DEADLINE_GRACE_MS = 1_000;
const HEADER = Buffer.from(JSON.stringify({ alg: ALGORITHM, typ: 'JWT' })).toString('base64url');

/** SHA-256 of the payload's canonical JSON: both sides compute it from the same object. */
export function payloadDigest(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('base64url');
}

export class CommandAssertionSigner {
  private readonly key: KeyObject;

  /** `privateKeyPem`: an Ed25519 private key (PKCS#8 PEM), the gateway's secret. */
  constructor(privateKeyPem: string) {
    this.key = createPrivateKey(privateKeyPem);
    if (this.key.asymmetricKeyType !== 'ed25519') throw new Error('command assertion key must be Ed25519');
  }

  /**
   * A compact JWS (RFC 7515), signed with node's Ed25519 directly: one per command, on the hot path.
   * `deadline`: when the sender stops waiting for the reply (see above); none for a sender that
   * waits as long as the assertion lives.
   */
  async sign(principal: Principal, subject: string, payload: unknown, now = new Date(), deadline?: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const claims = {
      iss: ISSUER,
      aud: subject,
      iat,
      exp: iat + COMMAND_ASSERTION_TTL_SECONDS,
      ...(deadline ? { dl: deadline.getTime() } : {}),
      jti: randomUUID(),
      principal,
      dig: payloadDigest(payload),
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${sign(null, Buffer.from(signingInput), this.key).toString('base64url')}`;
  }
}

const principalSchema = z
  .object({
    userId: z.string().min(1).max(200),
    role: z.enum(ROLES),
    kecamatan: z.string().regex(KECAMATAN_CODE).optional(),
    desa: z.string().regex(DESA_CODE).optional(),
    nik: z
      .string()
      .regex(/^\d{16}$/)
      .optional(),
    name: z.string().max(200).optional(),
  })
  .strict();

const refused = (message: string) => new ApiError(apiError(401, 'COMMAND_UNAUTHENTICATED', message));
const deadlinePassed = () =>
  new ApiError(apiError(503, 'COMMAND_DEADLINE_PASSED', 'Perintah tidak dijalankan karena batas waktunya telah lewat; silakan coba lagi'));

/** The refusal of a command received after its sender's deadline. */
export const isDeadlinePassed = (e: unknown): boolean => e instanceof ApiError && e.body.code === 'COMMAND_DEADLINE_PASSED';

export class CommandAssertionVerifier {
  private readonly keys: KeyObject[];

  /** `publicKeysPem`: one or more Ed25519 public keys (SPKI PEM, concatenated), so keys can be rotated. */
  constructor(publicKeysPem: string) {
    const blocks = publicKeysPem.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
    this.keys = blocks.map((pem) => createPublicKey(pem));
    if (this.keys.length === 0 || this.keys.some((k) => k.asymmetricKeyType !== 'ed25519')) {
      throw new Error('command assertion public keys must be Ed25519 SPKI PEM blocks');
    }
  }

  /**
   * The verified caller of a command received on `subject`, or a 401 ApiError; a 503
   * COMMAND_DEADLINE_PASSED when its sender stopped waiting for it (nobody will read the reply).
   */
  async principal(assertion: string | undefined, subject: string, payload: unknown, now = new Date()): Promise<Principal> {
    if (!assertion) throw refused('Perintah tanpa bukti pengirim ditolak');
    const [header, body, signature, ...rest] = assertion.split('.');
    if (header !== HEADER || !body || !signature || rest.length > 0) throw refused('Bukti pengirim perintah tidak sah');
    const signingInput = Buffer.from(`${header}.${body}`);
    const sig = Buffer.from(signature, 'base64url');
    if (!this.keys.some((key) => verify(null, signingInput, key, sig))) throw refused('Bukti pengirim perintah tidak sah');
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw refused('Bukti pengirim perintah tidak sah');
    }
    const seconds = Math.floor(now.getTime() / 1000);
    const { iss, aud, iat, exp } = claims;
    if (iss !== ISSUER || aud !== subject || typeof iat !== 'number' || typeof exp !== 'number')
      throw refused('Bukti pengirim perintah tidak sah');
    if (exp + CLOCK_SKEW_SECONDS < seconds || iat - CLOCK_SKEW_SECONDS > seconds || exp - iat > COMMAND_ASSERTION_TTL_SECONDS) {
      throw refused('Bukti pengirim perintah sudah kedaluwarsa');
    }
    if (claims.dig !== payloadDigest(payload)) throw refused('Isi perintah tidak sesuai dengan bukti pengirimnya');
    if (claims.dl !== undefined && typeof claims.dl !== 'number') throw refused('Bukti pengirim perintah tidak sah');
    if (typeof claims.dl === 'number' && now.getTime() > claims.dl + DEADLINE_GRACE_MS) throw deadlinePassed();
    const principal = principalSchema.safeParse(claims.principal);
    if (!principal.success) throw refused('Bukti pengirim perintah tidak sah');
    return principal.data as Principal;
  }
}

/** A fresh key pair (tests, and the development key script). */
export function generateCommandAssertionKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
