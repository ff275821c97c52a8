import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidClaimsError, principalFromClaims, type Principal } from './principal';

export interface JwtVerifierOptions {
  /** e.g. https://sso.example.go.id/realms/adminduk/protocol/openid-connect/certs */
  jwksUrl: string;
  issuer: string;
  audience: string | string[];
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSec?: number;
}

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
 */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms ?? ['RS256', 'ES256', 'PS256'],
        clockTolerance: this.options.clockToleranceSec ?? 5,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      const message = code ? CLIENT_ERRORS[code] : undefined;
      if (message) throw new InvalidTokenError(message);
      throw new KeySetUnavailableError(e);
    }
    try {
      return principalFromClaims(payload);
    } catch (e) {
      if (e instanceof InvalidClaimsError) throw new InvalidTokenError(`Token akses tidak sah: ${e.message}.`);
      throw e;
    }
  }
}
