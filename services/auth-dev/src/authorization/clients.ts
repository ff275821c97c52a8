/**
 * The public clients the development issuer knows (OIDC "client registration", by configuration).
 * A redirect URI must be registered, except on the loopback interface (RFC 8252 section 7.3: any
 * port), where developers and tests run the web app on ports chosen at run time.
 */
export interface OAuthClient {
  clientId: string;
  redirectUris: string[];
}

export const DEFAULT_CLIENT_ID = 'adminduk-web';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
  if (client.redirectUris.includes(redirectUri)) return true;
  try {
    const url = new URL(redirectUri);
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname) && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}
