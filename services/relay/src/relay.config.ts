import {
  admindukEnv,
  eventStoreEnv,
  loadConfig,
  logLevel,
  natsNkeySeed,
  natsUrl,
  port,
  positiveInt,
  postgresUrl,
  z,
} from '@adminduk/config';

const subjectTokens = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export const relayEnv = z
  .object({
    ADMINDUK_ENV: admindukEnv(),
    /** HTTP: /health/live, /health/ready, /metrics. */
    PORT: port().default('9470'),
    LOG_LEVEL: logLevel().default('info'),
    DATABASE_URL: postgresUrl(),
    NATS_URL: natsUrl().default('nats://127.0.0.1:4222'),
    /** The relay's nkey seed: its identity on the bus. */
    NATS_NKEY_SEED: natsNkeySeed().optional(),
    /** JetStream stream the relay publishes into, and its subject prefix (tests use unique ones). */
    RELAY_EVENTS_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a stream name (letters, digits, _ or -)')
      .default('EVENTS'),
    RELAY_SUBJECT_PREFIX: z
      .string()
      .regex(subjectTokens, 'must be subject tokens (letters, digits, _ or -, separated by dots)')
      .default('evt'),
    /**
     * How long JetStream keeps a relayed event for the consumers (days). The store is the log;
     * this bounds the stream's copy of it, so a consumer stopped longer than this misses events
     * (runbook: replay from the store). Every replica of every relay must agree: the relay sets it.
     */
    RELAY_EVENTS_MAX_AGE_DAYS: positiveInt().default('30'),
    /**
     * After NATS comes back the relay republishes what the stream lost (after its last sequence: a
     * killed server loses a tail). When the stream cannot say, what was acked this long before it
     * went away. Below JetStream's 2-minute duplicate window, so what it kept is dropped by msg id.
     */
    RELAY_REWIND_ON_RECONNECT_MS: positiveInt()
      .refine((n) => n <= 90_000, 'must be at most 90000 (below the 2-minute duplicate window)')
      .default('30000'),
    /** Names the checkpoint row and the leader lock: relays with the same name are one logical relay. */
    RELAY_NAME: z.string().min(1).default('relay'),
    RELAY_MAX_IN_FLIGHT: positiveInt()
      .refine((n) => n <= 10_000, 'must be at most 10000')
      .default('512'),
    RELAY_CHECKPOINT_INTERVAL_MS: positiveInt()
      .refine((n) => n >= 10, 'must be at least 10')
      .default('200'),
    RELAY_LOCK_POLL_MS: positiveInt()
      .refine((n) => n >= 50, 'must be at least 50')
      .default('1000'),
    /** Fallback poll of the store when no wake-up arrives. */
    RELAY_STORE_POLL_MS: positiveInt()
      .refine((n) => n >= 10, 'must be at least 10')
      .default('500'),
    /** Events read from the store per catch-up page. */
    RELAY_STORE_BATCH: positiveInt()
      .refine((n) => n <= 50_000, 'must be at most 50000')
      .default('1000'),
    /**
     * The platform's checkpoint key (Ed25519, PKCS#8 PEM; decision 0022): the leading relay signs a
     * Merkle checkpoint of the global log with it. Required in production (an unsigned log defeats
     * the audit). Unset in development and tests: no checkpoints, a warning at start;
     * `adminduk audit verify` then checks the stream chains only.
     */
    CHECKPOINT_SIGNING_KEY_FILE: z.string().min(1).optional(),
    /** A checkpoint every so many events, or every so long when fewer came. */
    CHECKPOINT_EVERY_EVENTS: positiveInt().default('1000'),
    CHECKPOINT_EVERY_MS: positiveInt()
      .refine((n) => n >= 1000, 'must be at least 1000')
      .default('60000'),
  })
  .merge(eventStoreEnv())
  .superRefine((c, ctx) => {
    if (c.ADMINDUK_ENV === 'production' && !c.CHECKPOINT_SIGNING_KEY_FILE)
      ctx.addIssue({
        code: 'custom',
        path: ['CHECKPOINT_SIGNING_KEY_FILE'],
        message: 'is required in production (without it the global log is never signed; create the key with infra/checkpoint-key.sh)',
      });
  });

export type RelayConfig = z.infer<typeof relayEnv>;

/** Parses the environment; on a bad variable, one line naming it, then exit 1 (libs/config). */
export function loadRelayConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  return loadConfig(relayEnv, env);
}
