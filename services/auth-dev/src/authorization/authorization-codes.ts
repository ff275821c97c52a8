import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a code stands for: one login, for one client and redirect URI, proven later by the verifier. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scope: string;
  username: string;
}

/** code_verifier (RFC 7636 section 4.1): 43-128 unreserved characters. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** code_challenge for S256: base64url of a SHA-256, 43 characters. */
export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  const a = Buffer.from(s256(verifier));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authorization codes in memory (one development process): short-lived and single-use. A code is
 * removed on its first redemption, whatever the outcome, so a replayed code always fails.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant & { expiresAt: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: CodeGrant): string {
    this.sweep();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: this.now() + this.ttlMs });
    return code;
  }

  /** The grant of a live code, once; undefined for an unknown, used or expired code. */
  redeem(code: string): CodeGrant | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.expiresAt <= this.now()) return undefined;
    const { expiresAt: _expiresAt, ...grant } = found;
    return grant;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, g] of this.codes) if (g.expiresAt <= now) this.codes.delete(code);
  }
}
