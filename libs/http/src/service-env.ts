import { eventStoreEnv, logLevel, natsNkeySeed, natsUrl, port, postgresUrl, z } from '@adminduk/config';
import { messagingTopology, type MessagingTopology } from '@adminduk/messaging';
import { rateLimitEnv } from './rate-limit';

/** Subject tokens; tests put their namespace in front as a token of its own (`<ns>.evt`). */
const subjectPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be subject tokens (letters, digits, _ or -, separated by dots)');

/** Environment every platform service reads; each service extends it with its own variables. */
export const serviceEnv = z
  .object({
    PORT: port(),
    LOG_LEVEL: logLevel().default('info'),
    NATS_URL: natsUrl().default('nats://127.0.0.1:4222'),
    /** This service's nkey seed (SU...): its identity on the bus. See docs/runbook.md, "The bus". */
    NATS_NKEY_SEED: natsNkeySeed().optional(),
    DATABASE_URL: postgresUrl().default('postgres://postgres@127.0.0.1:5432/adminduk'),
    /** Stream names and subject prefixes are configurable so test suites can have their own. */
    EVENTS_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('EVENTS'),
    EVENTS_SUBJECT_PREFIX: subjectPrefix.default('evt'),
    DEAD_LETTER_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('DEAD_LETTERS'),
    DEAD_LETTER_SUBJECT_PREFIX: subjectPrefix.default('dlq'),
    /** Puts the command subjects under a namespace (`<prefix>.intake.application.submit`); production leaves it unset. */
    COMMAND_SUBJECT_PREFIX: subjectPrefix.optional(),
  })
  .merge(eventStoreEnv())
  .merge(rateLimitEnv);

export type ServiceEnv = z.infer<typeof serviceEnv>;

export function topologyFrom(
  env: Pick<ServiceEnv, 'EVENTS_STREAM' | 'EVENTS_SUBJECT_PREFIX' | 'DEAD_LETTER_STREAM' | 'DEAD_LETTER_SUBJECT_PREFIX'>,
): MessagingTopology {
  return messagingTopology({
    eventsStream: env.EVENTS_STREAM,
    eventsSubjectPrefix: env.EVENTS_SUBJECT_PREFIX,
    deadLetterStream: env.DEAD_LETTER_STREAM,
    deadLetterSubjectPrefix: env.DEAD_LETTER_SUBJECT_PREFIX,
  });
}

/** Auth settings of every service that serves users. */
export const authEnv = z.object({
  AUTH_JWKS_URL: z.string().url(),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1).default('adminduk'),
});

const pem = (label: string) =>
  z.string().regex(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+-----END ${label}-----`), `must be a PEM ${label.toLowerCase()}`);

/** Services that take user commands from the bus: the gateway's public key(s) that sign the callers. */
export const commandReceiverEnv = z.object({ COMMAND_ASSERTION_PUBLIC_KEYS: pem('PUBLIC KEY') });

/** The gateway: its Ed25519 private key for signing who sent each command. */
export const commandSenderEnv = z.object({ COMMAND_ASSERTION_PRIVATE_KEY: pem('PRIVATE KEY') });
