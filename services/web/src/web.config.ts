import { httpUrl, loadConfig, logLevel, port, z } from '@adminduk/config';
import { existsSync } from 'node:fs';
import path from 'node:path';

// services/web, from src/ (swc) or dist/src/ (compiled) alike.
const packageRoot = (dir: string): string => (existsSync(path.join(dir, 'package.json')) ? dir : packageRoot(path.dirname(dir)));

/** Where `tools/build-assets.ts` writes the bundle (index.html + assets/); `npm run build` makes it. */
export const DEFAULT_ASSETS_DIR = path.join(packageRoot(__dirname), 'dist/public');

export const webEnv = z.object({
  PORT: port().default('8080'),
  LOG_LEVEL: logLevel().default('info'),
  /** The built web app (index.html and hashed assets/). */
  WEB_ASSETS_DIR: z.string().default(DEFAULT_ASSETS_DIR),
  /** Upstreams of the development edge (one origin): the same paths the Kubernetes ingress routes. */
  GATEWAY_URL: httpUrl().default('http://127.0.0.1:3000'),
  AUTH_URL: httpUrl().default('http://127.0.0.1:3001'),
  DOCUMENTS_URL: httpUrl().default('http://127.0.0.1:3105'),
  SIGNING_URL: httpUrl().default('http://127.0.0.1:3107'),
  PRINTING_URL: httpUrl().default('http://127.0.0.1:3108'),
  COMPLAINTS_URL: httpUrl().default('http://127.0.0.1:3110'),
  /**
   * The OIDC issuer the browser logs in with (its discovery document is read at login): the
   * development issuer, or Keycloak (https://sso.example.go.id/realms/adminduk) in production.
   */
  OIDC_ISSUER: httpUrl().default('http://127.0.0.1:3001'),
  OIDC_CLIENT_ID: z.string().min(1).default('adminduk-web'),
});
export type WebConfig = z.infer<typeof webEnv>;

export const loadWebConfig = (env: NodeJS.ProcessEnv = process.env): WebConfig => loadConfig(webEnv, env);
