import { isIP } from 'node:net';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { IS_PUBLIC, type RequestWithPrincipal } from '@adminduk/auth';
import { positiveInt, z } from '@adminduk/config';
import { ApiError, apiError } from './api-error';

/**
 * Throttling, one implementation for every HTTP service (registered by createServiceApp):
 *  - writes (POST, PUT, PATCH, DELETE) by a signed-in user: per user AND per client address;
 *  - public endpoints (`@Public()`: the verification page, the upload check, later the status
 *    lookup), whatever the method: per client address.
 * Authenticated reads are not limited here; `@NoRateLimit()` exempts a route (health probes).
 * Over the limit: 429 RATE_LIMITED in the one error shape, a `Retry-After` header (seconds) and an
 * Indonesian message; the handler never runs, so nothing is appended.
 *
 * Token buckets held in memory, per replica: each key may spend its whole minute's budget at once
 * and regains it evenly over the minute. With N replicas a client gets up to N times the limit;
 * the ingress limits across replicas (docs/runbook.md, "Rate limits").
 */
export const rateLimitEnv = z.object({
  RATE_LIMIT_USER_WRITES_PER_MIN: positiveInt().default('30'),
  RATE_LIMIT_ADDRESS_WRITES_PER_MIN: positiveInt().default('300'),
  RATE_LIMIT_PUBLIC_PER_MIN: positiveInt().default('30'),
  /**
   * Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address. Unset: the
   * socket's peer. Behind an ingress: its hop count (`1`) or addresses/CIDRs (`10.0.0.0/8,loopback`).
   */
  HTTP_TRUST_PROXY: z
    .string()
    .refine((v) => /^\d{1,2}$/.test(v) || v.split(',').every((p) => isTrustedProxy(p.trim())), {
      message: 'must be a hop count or a comma-separated list of IP addresses, CIDRs, loopback, linklocal or uniquelocal',
    })
    .transform((v) => (/^\d{1,2}$/.test(v) ? Number(v) : v.split(',').map((p) => p.trim())))
    .optional(),
});

export interface RateLimitSettings {
  userWritesPerMinute: number;
  addressWritesPerMinute: number;
  publicPerMinute: number;
  trustProxy?: number | string[];
}

/**
 * The settings of a service's validated config (its schema merges `rateLimitEnv`; serviceEnv does).
 * Read once at start-up with the rest of the config: one line and exit 1 when a variable is bad.
 */
export function rateLimitsFrom(e: z.infer<typeof rateLimitEnv>): RateLimitSettings {
  return {
    userWritesPerMinute: e.RATE_LIMIT_USER_WRITES_PER_MIN,
    addressWritesPerMinute: e.RATE_LIMIT_ADDRESS_WRITES_PER_MIN,
    publicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MIN,
    trustProxy: e.HTTP_TRUST_PROXY,
  };
}

/** The defaults of `rateLimitEnv`: a service given no settings (the relay, the development issuer). */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = rateLimitsFrom(rateLimitEnv.parse({}));

function isTrustedProxy(p: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return true;
  const [address, bits, ...rest] = p.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
}

const NO_RATE_LIMIT = 'adminduk:http:no-rate-limit';
/** Exempts a route or controller from throttling (health probes, which the platform itself calls). */
export const NoRateLimit = () => SetMetadata(NO_RATE_LIMIT, true);

/** Keys with a full bucket are forgotten; past this many keys the least recently used go first. */
const MAX_KEYS = 50_000;

/** Token buckets of one kind (capacity = the per-minute limit, refilled evenly over a minute). */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Seconds until `key` has a token again; 0 when it has one now. Spends nothing. */
  waitSeconds(key: string): number {
    const tokens = this.tokens(key);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  spend(key: string): void {
    const tokens = this.tokens(key) - 1;
    this.buckets.delete(key); // re-inserted last: the Map's order is least recently used first
    if (this.buckets.size >= MAX_KEYS) this.evict();
    this.buckets.set(key, { tokens, at: this.now() });
  }

  get size(): number {
    return this.buckets.size;
  }

  private tokens(key: string): number {
    const b = this.buckets.get(key);
    if (!b) return this.perMinute;
    return Math.min(this.perMinute, b.tokens + (this.now() - b.at) * this.perMs);
  }

  private evict(): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (this.now() - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still full of active keys: drop the least recently used tenth (they get a fresh budget).
    let drop = this.buckets.size >= MAX_KEYS ? Math.ceil(MAX_KEYS / 10) : 0;
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

interface HttpRequest extends RequestWithPrincipal {
  method: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  complete?: boolean;
  headers: Record<string, string | string[] | undefined>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard (createServiceApp registers it after the module's guards, so AuthGuard has already
 * put the verified principal on the request). Only HTTP requests; NATS commands are not throttled here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly userWrites: TokenBuckets;
  private readonly addressWrites: TokenBuckets;
  private readonly publicCalls: TokenBuckets;

  constructor(
    private readonly reflector: Reflector,
    settings: RateLimitSettings,
    now: () => number = Date.now,
  ) {
    this.userWrites = new TokenBuckets(settings.userWritesPerMinute, now);
    this.addressWrites = new TokenBuckets(settings.addressWritesPerMinute, now);
    this.publicCalls = new TokenBuckets(settings.publicPerMinute, now);
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, targets)) return true;
    const req = ctx.switchToHttp().getRequest<HttpRequest>();
    const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    const charges: Array<[TokenBuckets, string]> = [];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      charges.push([this.publicCalls, address]);
    } else if (!READS.has(req.method.toUpperCase())) {
      if (req.principal) charges.push([this.userWrites, req.principal.userId]);
      charges.push([this.addressWrites, address]);
    }
    // All or nothing: a refused request spends no budget of the other kind.
    const wait = Math.max(0, ...charges.map(([buckets, key]) => buckets.waitSeconds(key)));
    if (wait > 0) {
      const res = ctx.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
      res.setHeader('Retry-After', String(wait));
      // A body still unread (a raw upload) is not drained: the connection closes after the answer.
      if (req.complete === false) res.setHeader('Connection', 'close');
      throw new ApiError(
        apiError(429, 'RATE_LIMITED', `Terlalu banyak permintaan dalam waktu singkat; silakan coba lagi dalam ${wait} detik`),
      );
    }
    for (const [buckets, key] of charges) buckets.spend(key);
    return true;
  }
}
