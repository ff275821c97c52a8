import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments } from './openapi-document';

const doc = (paths: Record<string, Record<string, unknown>>, tags: string[] = []): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: paths as OpenAPIObject['paths'],
  tags: tags.map((name) => ({ name })),
});
const op = (summary: string) => ({ summary, responses: { '200': { description: 'ok' } } });

describe('mergeOpenApiDocuments', () => {
  const info = { title: 'Adminduk', description: 'd', version: '0.1.0' };

  it('keeps every path of every service, each operation naming the services that answer it', () => {
    const merged = mergeOpenApiDocuments(info, [
      {
        service: 'gateway',
        doc: doc({ '/api/applications': { get: op('list'), post: op('submit') }, '/health/live': { get: op('live') } }, ['a']),
      },
      {
        service: 'documents',
        doc: doc({ '/api/documents/{id}': { get: op('download') }, '/health/live': { get: op('live') } }, ['a', 'b']),
      },
    ]);
    const paths = merged.paths as Record<string, Record<string, { summary: string; 'x-services': string[] }>>;
    expect(Object.keys(paths).sort()).toEqual(['/api/applications', '/api/documents/{id}', '/health/live']);
    expect(paths['/api/applications'].post).toMatchObject({ summary: 'submit', 'x-services': ['gateway'] });
    expect(paths['/api/documents/{id}'].get['x-services']).toEqual(['documents']);
    expect(paths['/health/live'].get['x-services']).toEqual(['gateway', 'documents']);
    expect(merged.tags!.map((t) => t.name)).toEqual(['a', 'b']);
    expect(merged.info).toEqual(info);
    expect(merged).not.toHaveProperty('x-unavailable-services');
  });

  it('names the services whose documents could not be read', () => {
    const merged = mergeOpenApiDocuments(info, [{ service: 'gateway', doc: doc({}) }], ['printing']);
    expect((merged as unknown as Record<string, unknown>)['x-unavailable-services']).toEqual(['printing']);
  });
});
