import { z } from '@adminduk/config';

/**
 * OPENAPI_SERVICE_URLS: the services whose OpenAPI documents the gateway merges into its own,
 * `name=url` pairs separated by commas (`documents=http://documents:3105,signing=http://signing:3107`).
 * Each service serves its document at `/openapi.json` on its own port.
 */
export const openApiSourcesEnv = z
  .string()
  // Empty means none (npm start passes the variable to every service).
  .regex(/^(([a-z][a-z0-9-]*=https?:\/\/[^,=\s]+)(,[a-z][a-z0-9-]*=https?:\/\/[^,=\s]+)*)?$/, 'harus berupa daftar nama=url dipisah koma')
  .optional();

export function parseOpenApiSources(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [name, url] = pair.split('=');
      return [name, url.replace(/\/+$/, '')];
    }),
  );
}
