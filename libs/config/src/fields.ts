import { z } from 'zod';

/** Reusable environment field schemas; their messages read after the variable name. */

function urlWithProtocols(protocols: string[], label: string) {
  return z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a ${label} URL` },
  );
}

export const postgresUrl = () => urlWithProtocols(['postgres:', 'postgresql:'], 'postgres://');

/** One or more NATS servers, comma-separated; parsed to a list. */
export const natsUrl = () =>
  z
    .string()
    .refine(
      (v) =>
        v.split(',').every((part) => {
          try {
            return ['nats:', 'tls:'].includes(new URL(part.trim()).protocol);
          } catch {
            return false;
          }
        }),
      { message: 'must be a nats:// URL' },
    )
    .transform((v) => v.split(',').map((s) => s.trim()));

/** A NATS user nkey seed (the secret half; the server knows only the public key). */
export const natsNkeySeed = () => z.string().regex(/^SU[A-Z2-7]{56}$/, 'must be a NATS user nkey seed (SU...)');

export const httpUrl = () => urlWithProtocols(['http:', 'https:'], 'http(s)://');

/** TCP port 0-65535 (0 = let the OS choose, for tests). */
export const port = () =>
  z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
    .transform(Number)
    .refine((n) => n <= 65535, 'must be a port number (0-65535)');

export const positiveInt = () =>
  z
    .string()
    .regex(/^[1-9]\d*$/, 'must be a positive integer')
    .transform(Number);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const logLevel = () => z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) });

export const booleanFlag = () =>
  z
    .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: 'must be true or false' }) })
    .transform((v) => v === 'true' || v === '1');

export const EVENT_STORE_KINDS = ['postgres', 'kurrentdb'] as const;
/**
 * Which event store a service opens (libs/event-store `eventStoreSettings`): postgres on one machine
 * and in CI, kurrentdb (with EVENTSTOREDB_URL) in production clusters. Part of every config that
 * touches the event store; `loadConfig` refuses kurrentdb without its URL.
 */
export const eventStoreEnv = () =>
  z.object({
    EVENT_STORE: z
      .enum(EVENT_STORE_KINDS, { errorMap: () => ({ message: `must be ${EVENT_STORE_KINDS.join(' or ')}` }) })
      .default('postgres'),
    EVENTSTOREDB_URL: z
      .string()
      .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, 'must be a kurrentdb:// connection string')
      .optional(),
  });
