import { developmentOnlyEnv, loadConfig, logLevel, port, positiveInt, z } from '@adminduk/config';

export const authDevConfigSchema = z
  .object({
    /** Checked before anything else: a deployment must never serve demo passwords. */
    ADMINDUK_ENV: developmentOnlyEnv('auth-dev is a development-only issuer with demo passwords'),
    PORT: port().default('3001'),
    HOST: z.string().default('127.0.0.1'),
    /** Defaults to http://127.0.0.1:<PORT>; set it when services reach the issuer by another name. */
    AUTH_ISSUER: z.string().url({ message: 'must be an http(s) URL' }).optional(),
    AUTH_AUDIENCE: z.string().default('adminduk'),
    AUTH_DEV_KEY_DIR: z.string().default('.local/auth-dev'),
    AUTH_DEV_TOKEN_TTL_SECONDS: positiveInt().default('28800'),
    /** The web app's client id (code flow with PKCE); its redirect URIs besides any loopback one, comma-separated. */
    AUTH_DEV_CLIENT_ID: z.string().min(1).default('adminduk-web'),
    AUTH_DEV_REDIRECT_URIS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    LOG_LEVEL: logLevel().default('info'),
  })
  .transform((c) => ({ ...c, AUTH_ISSUER: (c.AUTH_ISSUER ?? `http://127.0.0.1:${c.PORT}`).replace(/\/+$/, '') }));

export type AuthDevConfig = z.infer<typeof authDevConfigSchema>;

export function loadAuthDevConfig(env: NodeJS.ProcessEnv = process.env): AuthDevConfig {
  return loadConfig(authDevConfigSchema, env);
}
