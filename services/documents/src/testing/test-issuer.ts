import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  token(claims: { sub: string; role: string; kecamatan?: string; desa?: string; nik?: string }): Promise<string>;
  close(): Promise<void>;
}

/** A real OIDC-style issuer for tests: an RS256 key, its JWKS over HTTP, signed tokens. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  return {
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    issuer,
    audience: 'adminduk',
    token: (claims) => sign(privateKey, issuer, claims),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function sign(key: KeyLike, issuer: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(issuer)
    .setAudience('adminduk')
    .setIssuedAt()
    .setExpirationTime('10m')
    .setSubject(String(claims.sub))
    .sign(key);
}
