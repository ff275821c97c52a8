import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { zodOpenApiSchema } from './zod-openapi';

/** Where every service serves its own OpenAPI document (next to /metrics; not routed by the ingress). */
export const SERVICE_OPENAPI_PATH = '/openapi.json';

type Operation = { responses?: Record<string, unknown>; tags?: string[]; 'x-service'?: string };
type PathItem = Record<string, Operation>;

/** The one error body (api-error.ts) as a schema: every route may answer it. */
const apiErrorSchema = zodOpenApiSchema(
  z.object({
    statusCode: z.number().int(),
    error: z.string(),
    code: z.string(),
    message: z.string().describe('Pesan dalam Bahasa Indonesia'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Routes every service answers outside Nest (registered on Express by createServiceApp). */
const PLATFORM_PATHS: Record<string, PathItem> = {
  '/metrics': {
    get: {
      tags: ['Platform'],
      summary: 'Metrik Prometheus layanan ini (tidak dirutekan oleh ingress)',
      responses: { '200': { description: 'Format teks Prometheus', content: { 'text/plain': { schema: { type: 'string' } } } } },
    } as Operation,
  },
  [SERVICE_OPENAPI_PATH]: {
    get: {
      tags: ['Platform'],
      summary: 'Dokumen OpenAPI layanan ini',
      responses: { '200': { description: 'OpenAPI 3', content: { 'application/json': { schema: { type: 'object' } } } } },
    } as Operation,
  },
};

/**
 * A service's OpenAPI document from its Nest routes (the @nestjs/swagger decorators, response schemas
 * from zod), plus the platform routes, every operation marked with its service (`x-service`) and the
 * one error shape as its `default` response.
 */
export function serviceOpenApiDocument(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder().setTitle(`Adminduk: ${service}`).setVersion('0.1.0').addBearerAuth().build();
  const doc = SwaggerModule.createDocument(app, config);
  doc.paths = { ...doc.paths, ...(structuredClone(PLATFORM_PATHS) as OpenAPIObject['paths']) };
  for (const item of Object.values(doc.paths) as PathItem[]) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      op['x-service'] = service;
      op.responses = {
        ...op.responses,
        default: { description: 'Galat (bentuk yang sama di semua layanan)', content: { 'application/json': { schema: apiErrorSchema } } },
      };
    }
  }
  return doc;
}

/** `GET /openapi.json` on the service's own port, built once on first request (the routes are fixed by then). */
export function serveOpenApi(app: INestApplication, service: string): void {
  let doc: OpenAPIObject | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .get(SERVICE_OPENAPI_PATH, (_req: Request, res: Response) => {
      doc ??= serviceOpenApiDocument(app, service);
      res.json(doc);
    });
}

/**
 * One document from several services' documents: every path of every service (a path answered by
 * several, such as /health/live, once, its `x-services` naming them all), their tags and schemas.
 * A service that could not be read is named in `x-unavailable-services`.
 */
export function mergeOpenApiDocuments(
  base: { title: string; description: string; version: string },
  docs: { service: string; doc: OpenAPIObject }[],
  unavailable: string[] = [],
): OpenAPIObject {
  const merged: OpenAPIObject = {
    openapi: '3.0.0',
    info: base,
    paths: {},
    tags: [],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: {} },
  };
  const tagNames = new Set<string>();
  for (const { service, doc } of docs) {
    for (const [path, item] of Object.entries(doc.paths) as [string, PathItem][]) {
      const target = ((merged.paths as Record<string, PathItem>)[path] ??= {});
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!op) continue;
        const existing = target[method] as (Operation & { 'x-services'?: string[] }) | undefined;
        if (existing) existing['x-services'] = [...(existing['x-services'] ?? []), service];
        else target[method] = { ...op, 'x-services': [service] } as Operation;
      }
    }
    for (const tag of doc.tags ?? []) {
      if (tagNames.has(tag.name)) continue;
      tagNames.add(tag.name);
      merged.tags!.push(tag);
    }
    Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
  }
  if (unavailable.length > 0) (merged as unknown as Record<string, unknown>)['x-unavailable-services'] = unavailable;
  return merged;
}
