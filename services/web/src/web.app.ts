import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { NextFunction, Request, Response } from 'express';
import { routeFor, upstreamUrls } from './edge/edge-routes';
import { ReverseProxy } from './edge/reverse-proxy';
import { staticAssets } from './edge/static-assets';
import type { WebConfig } from './web.config';
import { WebModule } from './web.module';

/**
 * The web app and the development edge in one service: paths of the other services are proxied
 * (edge-routes.ts), /assets and the SPA's pages are served from the build, /health and /metrics are
 * the service's own. Bodies are never parsed here: they stream through.
 */
export async function createWebApp(config: WebConfig, logger: Logger): Promise<INestApplication> {
  const app = await createServiceApp({ name: 'web', module: WebModule.forRoot(config), logger, jsonBody: false });
  const proxy = new ReverseProxy(logger);
  const upstreams = upstreamUrls(config);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const route = routeFor(req.method, req.path);
    if (!route) return next();
    const url = req.originalUrl;
    const forwarded = route.stripPrefix ? url.slice(route.stripPrefix.length) || '/' : url;
    proxy.forward(req, res, upstreams[route.upstream], forwarded.startsWith('/') ? forwarded : `/${forwarded}`, route.upstream);
  });
  for (const handler of await staticAssets(config.WEB_ASSETS_DIR, config.OIDC_ISSUER)) app.use(handler);
  const close = app.close.bind(app);
  app.close = async () => {
    proxy.close();
    await close();
  };
  return app;
}
