import type { Logger } from '@adminduk/observability';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { OAuthClient } from './authorization/clients';
import type { DemoUser } from './demo-users';
import type { SigningKey } from './signing-key';

export interface AuthDevOptions {
  signingKey: SigningKey;
  /** The `iss` of every token; must equal the AUTH_ISSUER the other services verify against. */
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  /** Public clients of the code flow; by default `adminduk-web` with loopback redirects only. */
  clients?: OAuthClient[];
  /** Lifetime of an authorization code (single-use). */
  codeTtlSeconds?: number;
  logger?: Logger;
}

/** Signs an access token for a demo user: the claims libs/auth maps to a Principal. */
export async function issueAccessToken(user: DemoUser, options: Omit<AuthDevOptions, 'logger'>): Promise<string> {
  const claims: Record<string, unknown> = { role: user.role, name: user.name, preferred_username: user.username };
  if (user.kecamatan) claims.kecamatan = user.kecamatan;
  if (user.desa) claims.desa = user.desa;
  if (user.nik) claims.nik = user.nik;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.signingKey.kid, typ: 'JWT' })
    .setSubject(user.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.tokenTtlSeconds}s`)
    .setJti(randomUUID())
    .sign(options.signingKey.privateKey);
}

/** The OIDC id_token of a code-flow login: for the client (aud), echoing the request's nonce. */
export async function issueIdToken(
  user: DemoUser,
  options: Omit<AuthDevOptions, 'logger'>,
  request: { clientId: string; nonce?: string },
): Promise<string> {
  const claims: Record<string, unknown> = { name: user.name, preferred_username: user.username, role: user.role };
  if (request.nonce) claims.nonce = request.nonce;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.signingKey.kid, typ: 'JWT' })
    .setSubject(user.userId)
    .setIssuer(options.issuer)
    .setAudience(request.clientId)
    .setIssuedAt()
    .setExpirationTime(`${options.tokenTtlSeconds}s`)
    .sign(options.signingKey.privateKey);
}
