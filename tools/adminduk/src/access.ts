import { UsageError } from './args';

/**
 * The two ways the CLI reaches the platform (docs/audit.md):
 * - the store, read-only (ADMINDUK_DATABASE_URL, credentials of a read-only role): the offline
 *   audit, which trusts nothing the services say;
 * - the API (ADMINDUK_API_URL with ADMINDUK_TOKEN, an OIDC access token): what the gateway lets
 *   the auditor see, with every access to personal data recorded there.
 */
export interface StoreAccess {
  kind: 'store';
  databaseUrl: string;
}

export interface ApiAccess {
  kind: 'api';
  apiUrl: string;
  token: string;
}

export function storeAccess(env: NodeJS.ProcessEnv): StoreAccess {
  const databaseUrl = env.ADMINDUK_DATABASE_URL;
  if (!databaseUrl) throw new UsageError('set ADMINDUK_DATABASE_URL (a read-only role on the event store) for an offline audit');
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('ADMINDUK_DATABASE_URL must be a postgres:// URL');
  return { kind: 'store', databaseUrl };
}

export function apiAccess(env: NodeJS.ProcessEnv): ApiAccess {
  const apiUrl = env.ADMINDUK_API_URL;
  const token = env.ADMINDUK_TOKEN;
  if (!apiUrl || !token) throw new UsageError('set ADMINDUK_API_URL and ADMINDUK_TOKEN (an OIDC access token) to use the API');
  return { kind: 'api', apiUrl: apiUrl.replace(/\/$/, ''), token };
}

/** Which access the environment names: the store when ADMINDUK_DATABASE_URL is set, else the API. */
export function accessFrom(env: NodeJS.ProcessEnv): StoreAccess | ApiAccess {
  return env.ADMINDUK_DATABASE_URL ? storeAccess(env) : apiAccess(env);
}

/** A GET on the API with the bearer token; the project's error shape (decision 0009) becomes the message. */
export async function apiGet<T>(access: ApiAccess, path: string): Promise<T> {
  const response = await fetch(`${access.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${access.token}`, accept: 'application/json' },
  });
  const body = (await response.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim());
  return body as T;
}
