import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { mergeOpenApiDocuments, SERVICE_OPENAPI_PATH, serviceOpenApiDocument } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

/** Where the one document of the whole platform is served (same origin as the API). */
export const MERGED_OPENAPI_PATH = '/api/openapi.json';
/** A service's document changes only with a release: fetched again after this long. */
const CACHE_MS = 60_000;
const FETCH_TIMEOUT_MS = 3_000;

const INFO = {
  title: 'Adminduk: layanan KK (tambah anggota keluarga karena kelahiran)',
  description:
    'Satu dokumen untuk semua layanan di satu origin (gateway, dokumen, TTE, pencetakan, penerbit token pengembangan, halaman publik). ' +
    'Semua endpoint memerlukan token Bearer kecuali /health, halaman dan API publik. `x-services` menyebut layanan yang menjawab.',
  version: '0.1.0',
};

/** The merged document's own route, as the documents describe a route. */
const OWN_PATH = {
  get: {
    tags: ['Platform'],
    summary: 'Dokumen OpenAPI seluruh platform (semua layanan)',
    responses: { '200': { description: 'OpenAPI 3', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
};

/**
 * `GET /api/openapi.json`: the gateway's document merged with every configured service's
 * (`OPENAPI_SERVICE_URLS`, each read from its `/openapi.json`). A service that does not answer is
 * left out and named in `x-unavailable-services`; the answer is never an error.
 */
export function serveMergedOpenApi(app: INestApplication, sources: Record<string, string>, logger: Logger): void {
  const cache = new Map<string, { doc: OpenAPIObject; at: number }>();
  let own: OpenAPIObject | undefined;

  const fetchDoc = async (service: string, url: string): Promise<OpenAPIObject | undefined> => {
    const hit = cache.get(service);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.doc;
    try {
      const res = await fetch(`${url}${SERVICE_OPENAPI_PATH}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const doc = (await res.json()) as OpenAPIObject;
      cache.set(service, { doc, at: Date.now() });
      return doc;
    } catch (e) {
      logger.warn({ service, err: e instanceof Error ? e.message : String(e) }, 'openapi document of a service unavailable');
      return hit?.doc;
    }
  };

  app
    .getHttpAdapter()
    .getInstance()
    .get(MERGED_OPENAPI_PATH, (_req: Request, res: Response) => {
      own ??= serviceOpenApiDocument(app, 'gateway');
      own.paths[MERGED_OPENAPI_PATH] = OWN_PATH as never;
      void Promise.all(Object.entries(sources).map(async ([service, url]) => ({ service, doc: await fetchDoc(service, url) }))).then(
        (read) => {
          const available = read.filter((r): r is { service: string; doc: OpenAPIObject } => r.doc !== undefined);
          const unavailable = read.filter((r) => r.doc === undefined).map((r) => r.service);
          res.json(mergeOpenApiDocuments(INFO, [{ service: 'gateway', doc: own! }, ...available], unavailable));
        },
      );
    });
}
