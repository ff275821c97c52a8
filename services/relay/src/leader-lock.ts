import { Client } from 'pg';
import { backoffDelay, sleep, type MessagingLogger } from '@adminduk/messaging';

export interface LeaderSession {
  /** The dedicated connection that holds the lock; checkpoint writes go through it. */
  client: Client;
  /** Aborted when the session ends (connection lost): stop publishing at once. */
  lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * At most one active relay: a PostgreSQL session advisory lock on a dedicated connection. The
 * server frees it when that session ends, even on SIGKILL, so a standby takes over by polling.
 * The key includes the schema, so relays of separate schemas (tests) never block each other.
 */
export class AdvisoryLeaderLock {
  constructor(
    private readonly connectionString: string,
    private readonly name: string,
    private readonly pollMs: number,
    private readonly logger: MessagingLogger,
  ) {}

  /** Resolves once this process holds the lock; waits (standby) while another one does. */
  async acquire(signal: AbortSignal, onStandby?: () => void): Promise<LeaderSession | null> {
    let failures = 0;
    let standbyLogged = false;
    while (!signal.aborted) {
      const client = new Client({ connectionString: this.connectionString, application_name: `relay:${this.name}` });
      const lost = new AbortController();
      client.on('error', () => lost.abort());
      client.on('end', () => lost.abort());
      try {
        await client.connect();
        failures = 0;
        while (!signal.aborted && !lost.signal.aborted) {
          const { rows } = await client.query<{ locked: boolean }>(
            `SELECT pg_try_advisory_lock(hashtextextended(current_schema() || '/relay/' || $1, 0)) AS locked`,
            [this.name],
          );
          if (rows[0].locked) {
            this.logger.info({ relay: this.name }, 'Relay lock acquired; this replica is active');
            return {
              client,
              lost: lost.signal,
              release: async () => {
                await client.end().catch(() => undefined);
              },
            };
          }
          if (!standbyLogged) {
            standbyLogged = true;
            this.logger.info({ relay: this.name }, 'Another relay holds the lock; standing by');
            onStandby?.();
          }
          await sleep(this.pollMs, signal);
        }
      } catch (e) {
        failures++;
        if (failures === 1) {
          this.logger.warn(
            { relay: this.name, err: e instanceof Error ? e.message : String(e) },
            'PostgreSQL unreachable for the relay lock; retrying with backoff',
          );
        }
        await sleep(backoffDelay(failures, { baseMs: 250, maxMs: 10_000, jitter: 0.2 }), signal);
      }
      await client.end().catch(() => undefined);
    }
    return null;
  }
}
