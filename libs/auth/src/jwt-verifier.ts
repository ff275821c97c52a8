import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidClaimsError, principalFromClaims, type Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

export interface JwtVerifierOptions {
  /** e.g. https://sso.example.go.id/realms/adminduk/protocol/openid-connect/certs */
  jwksUrl: string;
  issuer: string;
  audience: string | string[];
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSec?: number;
  /**
   * Longest time a verified token is taken from the cache without checking its signature again, and
   * so the longest a key removed from the JWKS keeps its tokens accepted. Default 60 000; 0 disables
   * the cache.
   */
  cacheMaxAgeMs?: number;
  /** Most verified tokens held in the cache (least recently used dropped first). Default 10 000. */
  cacheMaxEntries?: number;
  /** Resolves the signing key instead of the remote JWKS at `jwksUrl` (e.g. to observe key lookups in tests). */
  getKey?: JWTVerifyGetKey;
  /** Clock in epoch milliseconds for expiry checks and the cache; default `Date.now`. */
  now?: () => number;
}

const DEFAULT_CACHE_MAX_AGE_MS = 60_000;
const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

/** The token is missing, malformed, forged, expired, or from the wrong issuer/audience: 401. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The key set could not be fetched: the caller's token may well be fine, so 503, not 401. */
export class KeySetUnavailableError extends Error {
  constructor(cause: unknown) {
    super('JWKS tidak dapat diambil', { cause });
    this.name = 'KeySetUnavailableError';
  }
}

const CLIENT_ERRORS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'Token akses sudah kedaluwarsa.',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'Token akses tidak berlaku untuk layanan ini.',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'Tanda tangan token akses tidak sah.',
  ERR_JWKS_NO_MATCHING_KEY: 'Token akses ditandatangani dengan kunci yang tidak dikenal.',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'Token akses ditandatangani dengan kunci yang tidak dikenal.',
  ERR_JOSE_ALG_NOT_ALLOWED: 'Algoritma token akses tidak diizinkan.',
  ERR_JOSE_NOT_SUPPORTED: 'Algoritma token akses tidak didukung.',
  ERR_JWS_INVALID: 'Format token akses tidak sah.',
  ERR_JWT_INVALID: 'Format token akses tidak sah.',
};

/**
 * Verifies bearer JWTs against an OIDC provider's JWKS (Keycloak in production, services/auth-dev
 * locally): signature, issuer, audience, expiry; then maps the claims to a `Principal`.
 * Keys are fetched lazily and cached by jose; an unknown `kid` triggers a refetch (key rotation).
 *
 * Successful verifications are cached (`VerifiedTokenCache`) because clients reuse one token for many
 * requests and the signature check dominated the gateway's CPU (~0.45 ms per request). An entry is keyed
 * by the token's SHA-256, so a tampered token is a miss and fully verified; it is used only while the
 * token would still pass the expiry check (same clock tolerance) and for at most `cacheMaxAgeMs`
 * (default 60 s), which bounds how long a key rotated out of the JWKS keeps its tokens accepted; at
 * most `cacheMaxEntries` (default 10 000) are held. Failures are never cached.
 */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly now: () => number;
  private readonly clockToleranceSec: number;
  private readonly cache: VerifiedTokenCache | undefined;

  constructor(private readonly options: JwtVerifierOptions) {
    this.keys = options.getKey ?? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    this.now = options.now ?? Date.now;
    this.clockToleranceSec = options.clockToleranceSec ?? 5;
    const maxAgeMs = options.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS;
    this.cache =
      maxAgeMs === 0
        ? undefined
        : new VerifiedTokenCache({ maxAgeMs, maxEntries: options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES, now: this.now });
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.cache?.get(token);
    if (cached) return cached;
    const { principal, exp } = await this.verifyFully(token);
    // jose refuses once floor(now / 1000) >= exp + tolerance; (exp + tolerance) * 1000 is never later.
    this.cache?.set(token, principal, (exp + this.clockToleranceSec) * 1000);
    return principal;
  }

  private async verifyFully(token: string): Promise<{ principal: Principal; exp: number }> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms ?? ['RS256', 'ES256', 'PS256'],
        clockTolerance: this.clockToleranceSec,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      const message = code ? CLIENT_ERRORS[code] : undefined;
      if (message) throw new InvalidTokenError(message);
      throw new KeySetUnavailableError(e);
    }
    try {
      return { principal: principalFromClaims(payload), exp: payload.exp as number }; // jose checked: a number
    } catch (e) {
      if (e instanceof InvalidClaimsError) throw new InvalidTokenError(`Token akses tidak sah: ${e.message}.`);
      throw e;
    }
  }
}
