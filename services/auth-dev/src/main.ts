// Local development OIDC issuer with demo users. NEVER for production: it refuses any ADMINDUK_ENV but development or test.
import 'reflect-metadata';
import path from 'node:path';
import { runService } from '@adminduk/http';
import { createAuthDevApp } from './auth-dev.app';
import { loadAuthDevConfig } from './config';
import { loadOrCreateSigningKey } from './signing-key';

// First thing: outside development and test this is one config-error line and exit 1.
const config = loadAuthDevConfig();
void runService(
  'auth-dev',
  config.PORT,
  async (logger) => {
    const keyDir = path.resolve(config.AUTH_DEV_KEY_DIR);
    const signingKey = await loadOrCreateSigningKey(keyDir);
    logger.info({ kid: signingKey.kid, keyDir, created: signingKey.created }, 'signing key ready');
    logger.info({ issuer: config.AUTH_ISSUER }, 'auth-dev issues demo tokens (development only)');
    return createAuthDevApp(
      {
        signingKey,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        tokenTtlSeconds: config.AUTH_DEV_TOKEN_TTL_SECONDS,
        clients: [{ clientId: config.AUTH_DEV_CLIENT_ID, redirectUris: config.AUTH_DEV_REDIRECT_URIS }],
      },
      logger,
    );
  },
  config.LOG_LEVEL,
  config.HOST,
);
