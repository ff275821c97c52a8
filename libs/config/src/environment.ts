import { z } from 'zod';

/**
 * Where a process runs: an explicit choice, never a default. Only infra/start.sh (development),
 * infra/test.sh and the test harnesses (test) set it for you; a deployment sets `production`.
 * `NODE_ENV` decides nothing about safety.
 */
export const ADMINDUK_ENVS = ['development', 'test', 'production'] as const;
export type AdmindukEnv = (typeof ADMINDUK_ENVS)[number];

/** The variable, its schema and the part it plays in every service's config (see `loadConfig`). */
export const ENVIRONMENT_VARIABLE = 'ADMINDUK_ENV';
export const admindukEnv = () => z.enum(ADMINDUK_ENVS, { errorMap: () => ({ message: `must be one of ${ADMINDUK_ENVS.join(', ')}` }) });

export interface EnvironmentChoice {
  ADMINDUK_ENV: AdmindukEnv;
}

export const isDevelopmentOrTest = (env: AdmindukEnv): boolean => env === 'development' || env === 'test';

/**
 * ADMINDUK_ENV of a development-only component (the demo issuer, auto-sign): anything but
 * development or test is refused, naming the component, e.g.
 *   config error: ADMINDUK_ENV must be development or test: auth-dev is a development-only issuer ...
 */
export const developmentOnlyEnv = (component: string) =>
  z.enum(['development', 'test'], { errorMap: () => ({ message: `must be development or test: ${component}` }) });

/** Credentials the development machine uses; production refuses them (and their absence). */
export const DEVELOPMENT_CREDENTIALS = {
  /** infra/s3-local.ts (s3rver) and libs/storage's defaults. */
  s3Key: 'S3RVER',
} as const;

/** One refusal: the variable and why, phrased to follow the name. */
export interface EnvironmentProblem {
  variable: string;
  reason: string;
}

/**
 * The production rules, in one place, applied by `loadConfig` to every service's config: a service
 * whose config has a database, the bus or object storage must be given real credentials for it.
 * `env` is what the process was given (to tell an explicit value from a default), `config` the
 * parsed config (to know what the service uses).
 */
export function productionProblems(env: Record<string, string>, config: Record<string, unknown>): EnvironmentProblem[] {
  const problems: EnvironmentProblem[] = [];
  for (const name of ['DATABASE_URL', 'READ_MODEL_DATABASE_URL']) {
    if (!(name in config)) continue;
    if (env[name] === undefined) {
      if (name === 'DATABASE_URL')
        problems.push({ variable: name, reason: 'must be set explicitly in production (the development default is refused)' });
    } else if (!hasPassword(env[name])) {
      problems.push({ variable: name, reason: 'must carry a password in production (user:password@host)' });
    }
  }
  if ('NATS_URL' in config && env.NATS_NKEY_SEED === undefined) {
    problems.push({ variable: 'NATS_NKEY_SEED', reason: 'is required in production (the service’s own identity on the bus)' });
  }
  if ('S3_ACCESS_KEY' in config) {
    for (const name of ['S3_ACCESS_KEY', 'S3_SECRET_KEY']) {
      if (env[name] === undefined || env[name] === DEVELOPMENT_CREDENTIALS.s3Key) {
        problems.push({ variable: name, reason: 'must be set explicitly in production (the development server’s key is refused)' });
      }
    }
    if (!String(config.S3_ENDPOINT ?? '').startsWith('https:'))
      problems.push({ variable: 'S3_ENDPOINT', reason: 'must be an https:// URL in production' });
  }
  return problems;
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
