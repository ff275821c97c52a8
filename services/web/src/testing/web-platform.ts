import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startInProcessPlatform, type InProcessPlatform, type PlatformOptions } from '@adminduk/gateway/testing';
import { createLogger } from '@adminduk/observability';
import { freePort } from '@adminduk/testing';
import { buildWebAssets } from '../../tools/build-assets';
import { createWebApp } from '../web.app';
import { loadWebConfig } from '../web.config';

export interface WebPlatform {
  /** The one origin the browser uses: web app, API, auth, uploads, downloads. */
  webUrl: string;
  platform: InProcessPlatform;
  /** The web service's JSON log lines. */
  webLogLines: string[];
  /** The web service's Nest app (its routes, for the OpenAPI coverage test). */
  app: INestApplication;
  close(): Promise<void>;
}

export interface WebPlatformOptions extends Omit<PlatformOptions, 'authIssuer'> {
  /** Upstreams started outside the in-process platform (e.g. printing), by name. */
  printingUrl?: string;
  complaintsUrl?: string;
}

/**
 * The in-process platform behind services/web as the one origin, with the web app freshly built
 * from client/ (esbuild, well under a second). The issuer is the edge's /auth, as in a deployment
 * where the ingress routes /auth to the identity provider.
 */
export async function startWebPlatform(options: WebPlatformOptions = {}): Promise<WebPlatform> {
  const assetsDir = mkdtempSync(path.join(tmpdir(), 'web-assets-'));
  await buildWebAssets(assetsDir);
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const platform = await startInProcessPlatform({ ...options, authIssuer: `${webUrl}/auth` });
  const webLogLines: string[] = [];
  const unused = 'http://127.0.0.1:9'; // discard port: a service this run did not start answers 502
  const config = loadWebConfig({
    ADMINDUK_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'info',
    WEB_ASSETS_DIR: assetsDir,
    GATEWAY_URL: platform.gatewayUrl,
    AUTH_URL: platform.serviceUrls.auth,
    DOCUMENTS_URL: platform.documentsUrl ?? unused,
    SIGNING_URL: platform.signing?.url ?? unused,
    PRINTING_URL: options.printingUrl ?? unused,
    COMPLAINTS_URL: options.complaintsUrl ?? unused,
    OIDC_ISSUER: `${webUrl}/auth`,
  });
  let web: INestApplication;
  try {
    const logger = createLogger({ service: 'web', level: 'info', destination: { write: (l: string) => void webLogLines.push(l) } });
    web = await createWebApp(config, logger);
    await web.listen(port, '127.0.0.1');
  } catch (e) {
    await platform.close();
    throw e;
  }
  return {
    webUrl,
    platform,
    webLogLines,
    app: web,
    async close() {
      await web.close();
      await platform.close();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}
