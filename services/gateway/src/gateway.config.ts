import { loadConfig, z } from '@adminduk/config';
import { authEnv, commandSenderEnv, serviceEnv } from '@adminduk/http';
import { openApiSourcesEnv } from './openapi/openapi-sources';

export const gatewayEnv = serviceEnv.merge(authEnv).merge(commandSenderEnv).extend({
  READ_MODEL_DATABASE_URL: z.string().optional(),
  /** The services whose OpenAPI documents GET /api/openapi.json merges (openapi/openapi-sources.ts). */
  OPENAPI_SERVICE_URLS: openApiSourcesEnv,
});
export type GatewayConfig = z.infer<typeof gatewayEnv>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayEnv, { PORT: '3000', ...env });
