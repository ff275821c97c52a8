import { loadConfig, z } from '@adminduk/config';
import { authEnv, commandSenderEnv, serviceEnv } from '@adminduk/http';

export const gatewayEnv = serviceEnv.merge(authEnv).merge(commandSenderEnv).extend({
  READ_MODEL_DATABASE_URL: z.string().optional(),
});
export type GatewayConfig = z.infer<typeof gatewayEnv>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayEnv, { PORT: '3000', ...env });
