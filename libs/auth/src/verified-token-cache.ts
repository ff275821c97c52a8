import { createHash } from 'node:crypto';
import type { Principal } from './principal';

export interface VerifiedTokenCacheOptions {
  /** Longest time an entry is used after its verification; bounds how late a JWKS key removal takes effect. */
  maxAgeMs: number;
  /** Most entries held; beyond it the least recently used one is dropped. */
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  principal: Principal;
  /** Earliest of: cached-at + maxAgeMs, and the instant jwtVerify would refuse the token as expired. */
  usableUntilMs: number;
}

/**
 * Principals of tokens whose signature and claims were already verified, so a client that reuses its
 * token skips the RSA/EC signature check. Keyed by the SHA-256 of the whole token: the raw token
 * (a credential) is never kept, and any changed character is simply another key. Holds successes
 * only; the caller never stores a failed verification.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    if (!Number.isFinite(options.maxAgeMs) || options.maxAgeMs < 0) throw new RangeError('maxAgeMs must be a finite number >= 0');
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be an integer >= 1');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The principal of an earlier verification of exactly this token, while still usable; else undefined. */
  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() >= entry.usableUntilMs) return undefined;
    this.entries.set(key, entry); // re-insert: Map order is the recency order
    return { ...entry.principal }; // a copy, so one request cannot alter another's principal
  }

  /** `acceptedUntilMs`: the instant from which verification would refuse the token as expired. */
  set(token: string, principal: Principal, acceptedUntilMs: number): void {
    const now = this.now();
    const usableUntilMs = Math.min(now + this.options.maxAgeMs, acceptedUntilMs);
    if (!(now < usableUntilMs)) return; // also refuses a NaN bound
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { principal: { ...principal }, usableUntilMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
