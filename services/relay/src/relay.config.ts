import { loadConfig, natsNkeySeed, z } from '@adminduk/config';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** The relay's nkey seed: its identity on the bus. */
  NATS_NKEY_SEED: natsNkeySeed().optional(),
  RELAY_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9470),
  /** JetStream stream the relay publishes into, and its subject prefix (tests use unique ones). */
  RELAY_EVENTS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('EVENTS'),
  RELAY_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
    .default('evt'),
  /** Names the checkpoint row and the leader lock: relays with the same name are one logical relay. */
  RELAY_NAME: z.string().min(1).default('relay'),
  RELAY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(512),
  RELAY_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(10).default(200),
  RELAY_LOCK_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** Fallback poll of the store when no wake-up arrives. */
  RELAY_STORE_POLL_MS: z.coerce.number().int().min(10).default(500),
  /** Events read from the store per catch-up page. */
  RELAY_STORE_BATCH: z.coerce.number().int().min(1).max(50_000).default(1000),
});

export type RelayConfig = z.infer<typeof schema>;

/** Parses the environment; on a bad variable, one line naming it, then exit 1 (libs/config). */
export function loadRelayConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  return loadConfig(schema, env);
}
