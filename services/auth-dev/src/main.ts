// Local development OIDC issuer with demo users. NEVER for production: it refuses any ADMINDUK_ENV but development or test.
import { createLogger } from '@adminduk/observability';
import path from 'node:path';
import { createAuthDevServer } from './auth-dev-server';
import { loadAuthDevConfig } from './config';
import { loadOrCreateSigningKey } from './signing-key';

async function main(): Promise<void> {
  // First thing: outside development and test this is one config-error line and exit 1.
  const config = loadAuthDevConfig();
  const log = createLogger({ service: 'auth-dev', level: config.LOG_LEVEL });
  const keyDir = path.resolve(config.AUTH_DEV_KEY_DIR);
  const signingKey = await loadOrCreateSigningKey(keyDir);
  log.info({ kid: signingKey.kid, keyDir, created: signingKey.created }, 'signing key ready');
  const server = createAuthDevServer({
    signingKey,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    tokenTtlSeconds: config.AUTH_DEV_TOKEN_TTL_SECONDS,
    logger: log,
  });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port, issuer: config.AUTH_ISSUER }, 'auth-dev listening (development only)');
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`auth-dev failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
