import { jwtClaims, randomToken, s256Challenge } from './pkce';
import { ROLE_LABELS, saveSession, type Role, type Session } from './session';

/**
 * OIDC authorization code flow with PKCE (S256) for a public client: the development issuer or any
 * provider (Keycloak) named by the web service's /config.json. The provider's endpoints come from
 * its discovery document.
 */
interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}
interface RuntimeConfig {
  oidc: { issuer: string; clientId: string };
}
interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

const PENDING = 'adminduk.login';
let discovery: Promise<{ config: RuntimeConfig; provider: Discovery }> | undefined;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as T & { message?: string; error_description?: string };
  if (!res.ok) throw new Error(body.message ?? body.error_description ?? 'Layanan masuk tidak dapat dihubungi.');
  return body;
}

function provider() {
  discovery ??= (async () => {
    const config = await json<RuntimeConfig>('/config.json');
    const provider = await json<Discovery>(`${config.oidc.issuer}/.well-known/openid-configuration`);
    return { config, provider };
  })().catch((e: unknown) => {
    discovery = undefined;
    throw e;
  });
  return discovery;
}

export async function startLogin(returnTo: string): Promise<void> {
  const { config, provider: p } = await provider();
  const pending: PendingLogin = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    redirectUri: `${location.origin}/masuk/kembali`,
    returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/beranda',
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(p.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.oidc.clientId,
    redirect_uri: pending.redirectUri,
    scope: 'openid profile',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256Challenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** The redirect back: checks state, swaps the code (with the verifier) for tokens, checks the nonce. */
export async function completeLogin(callback: URL): Promise<string> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = raw ? (JSON.parse(raw) as PendingLogin) : null;
  const error = callback.searchParams.get('error');
  if (error) throw new Error(callback.searchParams.get('error_description') ?? 'Proses masuk dibatalkan.');
  if (!pending || callback.searchParams.get('state') !== pending.state)
    throw new Error('Proses masuk tidak dikenali atau sudah kedaluwarsa. Silakan masuk kembali.');
  const { config, provider: p } = await provider();
  const tokens = await json<{ access_token: string; id_token?: string; expires_in: number }>(p.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: config.oidc.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (tokens.id_token) {
    const id = jwtClaims(tokens.id_token);
    const audience = Array.isArray(id.aud) ? id.aud : [id.aud];
    if (id.nonce !== pending.nonce || id.iss !== p.issuer || !audience.includes(config.oidc.clientId))
      throw new Error('Tanda masuk tidak sah. Silakan masuk kembali.');
  }
  const claims = jwtClaims(tokens.access_token);
  const session: Session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
    user: {
      id: String(claims.sub ?? ''),
      name: String(claims.name ?? claims.preferred_username ?? ''),
      role: roleOf(claims),
      kecamatan: claims.kecamatan as string | undefined,
      desa: claims.desa as string | undefined,
    },
  };
  saveSession(session);
  return pending.returnTo;
}

export async function logout(session: Session | null): Promise<void> {
  saveSession(null);
  const found = await provider().catch(() => undefined);
  const end = found?.provider.end_session_endpoint;
  if (!end || !session?.idToken) return void location.assign('/');
  const url = new URL(end);
  url.search = new URLSearchParams({ id_token_hint: session.idToken, post_logout_redirect_uri: `${location.origin}/` }).toString();
  location.assign(url.toString());
}

/** As libs/auth reads it: the `role` claim, or the one platform role in Keycloak's realm_access.roles. */
function roleOf(claims: Record<string, unknown>): Role {
  if (typeof claims.role === 'string') return claims.role as Role;
  const realm = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const known = Array.isArray(realm) ? realm.filter((r): r is Role => typeof r === 'string' && r in ROLE_LABELS) : [];
  if (known.length !== 1) throw new Error('Akun Anda belum diberi peran di layanan ini. Hubungi pengelola sistem.');
  return known[0];
}
