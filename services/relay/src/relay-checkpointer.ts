import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { Checkpointer, checkpointSigningKey } from '@adminduk/audit';
import type { EventStore } from '@adminduk/event-store';
import { sleep, type MessagingLogger } from '@adminduk/messaging';
import type { RelayConfig } from './relay.config';

/** How often the leader looks for events to checkpoint (a checkpoint is written only when due). */
const TICK_MS = 1000;

/**
 * The signed checkpoints over the global log (decision 0022), written by the leading relay while it
 * leads: it already walks the log in order under the one leader lock, so there is one signer and
 * no new deployable. A failed pass is logged and retried next tick; publishing never waits for it.
 */
export async function runCheckpointer(
  c: RelayConfig,
  store: EventStore,
  db: Client,
  stop: AbortSignal,
  logger: MessagingLogger,
): Promise<void> {
  if (!c.CHECKPOINT_SIGNING_KEY_FILE) {
    logger.warn({ relay: c.RELAY_NAME }, 'No CHECKPOINT_SIGNING_KEY_FILE: the global log is not checkpointed');
    return;
  }
  let key;
  try {
    key = checkpointSigningKey(readFileSync(c.CHECKPOINT_SIGNING_KEY_FILE, 'utf8'));
  } catch (e) {
    // Publishing goes on (the services need it); the missing checkpoints are this error's to tell.
    logger.error({ relay: c.RELAY_NAME, err: e instanceof Error ? e.message : String(e) }, 'Checkpoint key unusable; no checkpoints');
    return;
  }
  const checkpointer = new Checkpointer({ store, db, key, everyEvents: c.CHECKPOINT_EVERY_EVENTS, everyMs: c.CHECKPOINT_EVERY_MS });
  logger.info({ relay: c.RELAY_NAME, keyId: key.keyId.slice(0, 16) }, 'Signing checkpoints of the global log');
  while (!stop.aborted) {
    try {
      await checkpointer.tick();
    } catch (e) {
      logger.error({ relay: c.RELAY_NAME, err: e instanceof Error ? e.message : String(e) }, 'Checkpoint pass failed; retrying');
    }
    await sleep(TICK_MS, stop).catch(() => undefined);
  }
}
