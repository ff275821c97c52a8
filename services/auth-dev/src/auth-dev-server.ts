import type { Logger } from '@adminduk/observability';
import { SignJWT } from 'jose';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEMO_PASSWORD, findDemoUser, listDemoUsers, type DemoUser } from './demo-users';
import type { SigningKey } from './signing-key';

export interface AuthDevOptions {
  signingKey: SigningKey;
  /** The `iss` of every token; must equal the AUTH_ISSUER the other services verify against. */
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  logger?: Logger;
}

const MAX_BODY = 16 * 1024;

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

/**
 * LOCAL DEVELOPMENT issuer: OIDC discovery, JWKS, and a password grant for the demo users.
 * Plain node:http because it is tiny and must start fast; it shares nothing with production auth,
 * which is any OIDC provider (e.g. Keycloak) publishing a JWKS.
 */
export function createAuthDevServer(options: AuthDevOptions): Server {
  const { issuer } = options;
  const discovery = {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    token_endpoint: `${issuer}/token`,
    grant_types_supported: ['password'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'role', 'kecamatan', 'desa', 'nik', 'name', 'preferred_username'],
  };
  const jwks = { keys: [options.signingKey.publicJwk] };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The web UI of a developer runs on another port and calls /token from the browser.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'OPTIONS /token':
        return void res.writeHead(204).end();
      case 'GET /health/live':
        return json(res, 200, { status: 'up' });
      case 'GET /health/ready':
        return json(res, 200, { status: 'ready' });
      case 'GET /.well-known/openid-configuration':
        return json(res, 200, discovery, { 'cache-control': 'public, max-age=300' });
      case 'GET /.well-known/jwks.json':
        return json(res, 200, jwks, { 'cache-control': 'public, max-age=300' });
      case 'GET /demo-users':
        return json(
          res,
          200,
          listDemoUsers().map(({ username, role, kecamatan, desa, description }) => ({ username, role, kecamatan, desa, description })),
        );
      case 'POST /token':
        return token(req, res);
      default: {
        const allowed = ROUTES.filter((r) => r.endsWith(` ${url.pathname}`)).map((r) => r.split(' ')[0]);
        if (allowed.length === 0) return fail(res, 404, 'not_found', 'Alamat tidak ditemukan.');
        return fail(res, 405, 'method_not_allowed', `Metode ${req.method} tidak diizinkan; gunakan ${allowed.join(', ')}.`, {
          allow: allowed.join(', '),
        });
      }
    }
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let form: Record<string, unknown>;
    try {
      form = await readBody(req);
    } catch (e) {
      return fail(res, 400, 'invalid_request', (e as Error).message);
    }
    if (form.grant_type !== undefined && form.grant_type !== 'password') {
      return fail(res, 400, 'unsupported_grant_type', 'Hanya grant_type=password.');
    }
    const { username, password } = form;
    if (typeof username !== 'string' || typeof password !== 'string') {
      return fail(res, 400, 'invalid_request', 'username dan password wajib diisi.');
    }
    const user = findDemoUser(username);
    if (!user || !samePassword(password, DEMO_PASSWORD)) {
      options.logger?.info({ outcome: 'refused' }, 'token request refused');
      return fail(res, 401, 'invalid_grant', 'Nama pengguna atau kata sandi salah.');
    }
    const accessToken = await issueAccessToken(user, options);
    options.logger?.info({ role: user.role, userId: user.userId }, 'token issued');
    return json(
      res,
      200,
      { access_token: accessToken, token_type: 'Bearer', expires_in: options.tokenTtlSeconds },
      { 'cache-control': 'no-store' },
    );
  }

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      options.logger?.error({ err: e }, 'auth-dev request failed');
      if (!res.headersSent) fail(res, 500, 'server_error', 'Terjadi kesalahan pada server; silakan coba lagi.');
      else res.end();
    });
  });
}

/** Every route this server answers; a known path with another method gets 405. */
const ROUTES = [
  'OPTIONS /token',
  'POST /token',
  'GET /health/live',
  'GET /health/ready',
  'GET /.well-known/openid-configuration',
  'GET /.well-known/jwks.json',
  'GET /demo-users',
];

/**
 * An error in the platform's one shape (decision 0009), which an OAuth 2.0 client reads as well
 * (RFC 6749 section 5.2): `error` is the OAuth error code and `error_description` repeats the message.
 */
function fail(res: ServerResponse, status: number, oauthError: string, message: string, headers: Record<string, string> = {}): void {
  json(
    res,
    status,
    { statusCode: status, error: oauthError, code: oauthError.toUpperCase(), message, error_description: message },
    headers,
  );
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** JSON or form-encoded (the OAuth 2.0 password grant is form-encoded). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Permintaan terlalu besar.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as Record<string, unknown>;
  } catch {
    throw new Error('Badan permintaan harus JSON {"username","password"}.');
  }
}

function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
