import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@adminduk/observability';
import { eventually } from '@adminduk/testing';
import { createGatewayApp } from './gateway.app';
import { loadGatewayConfig } from './gateway.config';
import type { WebPlatform } from '@adminduk/web/testing';
import type { InProcessPlatform } from './testing/in-process-platform';

/**
 * Issue 12, item 3: one OpenAPI document covers every endpoint of every service. The routes are
 * read from each running app's Express router (what Nest actually registered, not what the
 * documentation generator saw), and each must be in the gateway's merged document, attributed to
 * its service, with a success response that has a schema.
 */
type Route = { method: string; path: string };
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>; 'x-services'?: string[] };

/**
 * Every route on an app's Express router, in OpenAPI path form (`:id` -> `{id}`), once each. Nest
 * registers a controller's middleware as route layers of the controller's paths, the root route with
 * a trailing slash ("/api/applications/"): Express routes are not strict, so that is the same route.
 */
function routesOf(app: INestApplication): Route[] {
  const router = (
    app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
  ).router;
  const routes = router.stack
    .filter((layer) => layer.route && typeof layer.route.path === 'string')
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) => ({
        method,
        path: layer.route!.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1'),
      })),
    )
    .filter((r) => !r.path.startsWith('/api/docs')); // the Swagger UI's own pages
  return [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
}

/** A 2xx/3xx response with a schema; or, for a route that answers no body at all, its documented 204. */
const hasSuccessSchema = (op: Operation) =>
  Object.entries(op.responses ?? {}).some(
    ([status, r]) =>
      (/^[23]\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema !== undefined)) ||
      (status === '204' && Object.keys(op.responses!).every((s) => s === '204' || s === 'default')),
  );

describe('OpenAPI: one document covering every route of every service', () => {
  let platform: InProcessPlatform;
  let web: WebPlatform;
  let apps: Record<string, INestApplication>;
  let merged: INestApplication;
  let mergedUrl: string;

  beforeAll(async () => {
    // The platform behind the web edge, so the web service is one of the services too.
    const { startWebPlatform } = await import('@adminduk/web/testing');
    web = await startWebPlatform({ documents: true, signing: {} });
    platform = web.platform;
    const ns = platform.commandSubjectPrefix;
    const urlOf = (app: INestApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const logger = (service: string) => createLogger({ service, level: 'warn' });
    const { createPrintingApp, loadPrintingConfig } = await import('@adminduk/printing/testing');
    const printing = await createPrintingApp(
      loadPrintingConfig({
        ...platform.envFor('printing'),
        PUBLIC_BASE_URL: 'https://layanan.example.go.id',
        ...platform.signing!.storageEnv,
      }),
      logger('printing'),
    );
    await printing.listen(0, '127.0.0.1');
    // Up before it is closed again: a dependency still connecting at close would outlive the test.
    await eventually(async () => expect((await fetch(`${urlOf(printing)}/health/ready`)).status).toBe(200), 20_000);
    const { createComplaintsApp, loadComplaintsConfig } = await import('@adminduk/complaints/testing');
    const complaints = await createComplaintsApp(loadComplaintsConfig(platform.envFor('complaints')), logger('complaints'));
    await complaints.listen(0, '127.0.0.1');
    await eventually(async () => expect((await fetch(`${urlOf(complaints)}/health/ready`)).status).toBe(200), 20_000);
    const { startNotifications } = await import('@adminduk/notifications-service/testing');
    const notifications = await startNotifications({ namespace: ns, databaseUrl: platform.schema.url });
    apps = { ...platform.apps, web: web.app, printing, complaints, notifications: notifications.app };

    // A gateway that merges every other service's document, as OPENAPI_SERVICE_URLS configures it.
    const sources = Object.entries(apps)
      .filter(([name]) => name !== 'gateway')
      .map(([name, app]) => `${name}=${urlOf(app)}`)
      // A configured service that does not answer (the discard port): left out and named, never an error.
      .concat('ghost=http://127.0.0.1:9')
      .join(',');
    merged = await createGatewayApp(loadGatewayConfig({ ...platform.envFor('gateway'), OPENAPI_SERVICE_URLS: sources }), logger('gateway'));
    await merged.listen(0, '127.0.0.1');
    mergedUrl = urlOf(merged);
    closers.push(
      () => merged.close(),
      () => notifications.close(),
      () => printing.close(),
      () => complaints.close(),
    );
  });
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
    await web?.close();
  });

  it('lists each service`s routes, each with a success response schema, under its service', async () => {
    const doc = await eventually(async () => {
      const res = await fetch(`${mergedUrl}/api/openapi.json`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body['x-unavailable-services']).toEqual(['ghost']);
      return body as { paths: Record<string, Record<string, Operation>>; openapi: string };
    }, 10_000);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(apps).sort()).toEqual(
      [
        'auth-dev',
        'complaints',
        'documents',
        'gateway',
        'intake',
        'notifications',
        'printing',
        'projections',
        'relay',
        'signing',
        'verification',
        'web',
      ].sort(),
    );

    const missing: string[] = [];
    const withoutSchema: string[] = [];
    let counted = 0;
    for (const [service, app] of Object.entries(apps)) {
      for (const { method, path } of routesOf(app)) {
        counted++;
        const op = doc.paths[path]?.[method];
        if (!op || !op['x-services']?.includes(service)) missing.push(`${service} ${method.toUpperCase()} ${path}`);
        else if (!hasSuccessSchema(op)) withoutSchema.push(`${service} ${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(withoutSchema).toEqual([]);
    // Not a vacuous pass: the business routes are there (documents, signing, printing, the new data routes).
    expect(counted).toBeGreaterThan(60);
    for (const path of [
      '/api/applications/{id}/data',
      '/api/applications/{id}/access-log',
      '/api/documents/{documentId}',
      '/api/signing/batches',
      '/cetak/{token}',
      '/api/public/verifikasi/{documentId}',
      '/token',
    ]) {
      expect({ path, present: path in doc.paths }).toEqual({ path, present: true });
    }
  });

  it('the same route served by every service (health) is one path naming all of them', async () => {
    const doc = (await (await fetch(`${mergedUrl}/api/openapi.json`)).json()) as any;
    expect([...doc.paths['/health/ready'].get['x-services']].sort()).toEqual(Object.keys(apps).sort());
  });

  it('the Swagger UI at /api/docs shows the merged document', async () => {
    const init = await (await fetch(`${mergedUrl}/api/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('/api/openapi.json');
  });
});
