import { z } from 'zod';
import { admindukEnv, productionProblems, type EnvironmentChoice, type EnvironmentProblem } from './environment';

export interface LoadConfigOptions {
  /** Called with 1 when the environment is invalid; tests inject one that throws. */
  exit?: (code: number) => never;
  /** Where the one-line error goes; stderr by default. */
  write?: (line: string) => void;
}

/** Thrown by `loadConfig` only when an injected `exit` returns instead of ending the process. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(formatConfigError(problems));
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment at start-up. On a missing or bad variable it writes ONE line naming
 * every offending variable and why, e.g.
 *   config error: DATABASE_URL is required; NATS_URL must be a nats:// URL
 * and exits with code 1, before the service opens any connection.
 *
 * Every config also holds ADMINDUK_ENV (required, no default: environment.ts), and in production
 * the credential rules of `productionProblems` apply to whatever the schema uses.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): z.infer<S> & EnvironmentChoice {
  // Empty strings mean "unset" (a blank line in an .env file must not pass as a value).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const environment = z.object({ ADMINDUK_ENV: admindukEnv() }).safeParse(cleaned);
  const result = schema.safeParse(cleaned);
  const issues = [...(environment.success ? [] : environment.error.issues), ...(result.success ? [] : result.error.issues)];
  let problems = describeIssues(issues, cleaned);
  if (problems.length === 0 && environment.success && result.success) {
    const config = { ...(result.data as object), ADMINDUK_ENV: environment.data.ADMINDUK_ENV } as z.infer<S> & EnvironmentChoice;
    const fields = config as Record<string, unknown>;
    const rules = [...eventStoreProblems(fields), ...(config.ADMINDUK_ENV === 'production' ? productionProblems(cleaned, fields) : [])];
    problems = rules.map((p) => `${p.variable} ${p.reason}`);
    if (problems.length === 0) return config;
  }
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  write(formatConfigError(problems));
  (options.exit ?? ((code: number) => process.exit(code)))(1);
  throw new ConfigError(problems);
}

/** A rule across two variables of `eventStoreEnv` (a schema refinement would stop it being merged). */
function eventStoreProblems(config: Record<string, unknown>): EnvironmentProblem[] {
  return config.EVENT_STORE === 'kurrentdb' && !config.EVENTSTOREDB_URL
    ? [{ variable: 'EVENTSTOREDB_URL', reason: 'is required when EVENT_STORE is kurrentdb' }]
    : [];
}

export function formatConfigError(problems: string[]): string {
  return `config error: ${problems.join('; ')}`;
}

function describeIssues(issues: z.ZodIssue[], env: Record<string, unknown>): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of issues) {
    const name = issue.path.length > 0 ? issue.path.join('.') : 'environment';
    if (seen.has(name)) continue; // one reason per variable keeps the line readable
    seen.add(name);
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined' && env[name] === undefined;
    problems.push(missing ? `${name} is required` : `${name} ${reason(issue)}`);
  }
  return problems;
}

function reason(issue: z.ZodIssue): string {
  // Field schemas below phrase their messages to follow the variable name ("must be ...").
  if (/^(must|is|should)\b/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_enum_value') return `must be one of ${issue.options.join(', ')}`;
  return `is invalid: ${issue.message}`;
}
