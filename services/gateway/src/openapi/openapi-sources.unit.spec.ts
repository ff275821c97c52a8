import { openApiSourcesEnv, parseOpenApiSources } from './openapi-sources';

describe('OPENAPI_SERVICE_URLS', () => {
  it('names each service and its base URL', () => {
    const value = 'documents=http://documents:3105,signing=http://127.0.0.1:3107/';
    expect(openApiSourcesEnv.parse(value)).toBe(value);
    expect(parseOpenApiSources(value)).toEqual({ documents: 'http://documents:3105', signing: 'http://127.0.0.1:3107' });
  });

  it('empty or absent means none; anything else is refused', () => {
    expect(parseOpenApiSources(openApiSourcesEnv.parse(''))).toEqual({});
    expect(parseOpenApiSources(openApiSourcesEnv.parse(undefined))).toEqual({});
    for (const bad of ['documents', 'documents=ftp://x', 'a=http://x,,b=http://y', 'Docs=http://x']) {
      expect({ bad, ok: openApiSourcesEnv.safeParse(bad).success }).toEqual({ bad, ok: false });
    }
  });
});
