import { Client } from 'pg';
import { retry, RetryAbortedError, sleep, type MessagingLogger } from '@adminduk/messaging';

export interface LeaderSession {
  /** The dedicated connection that holds the lock; checkpoint writes go through it. */
  client: Client;
  /** Aborted when the session ends (connection lost): stop publishing at once. */
  lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * Capped at a second: a PostgreSQL restart takes seconds, and the relay publishes nothing until it
 * holds the lock again (issue 16: the read models waited out a 2-4 s step of a longer backoff).
 */
const RECONNECT_BACKOFF = { baseMs: 250, maxMs: 1000, jitter: 0.2 };

/**
 * At most one active relay: a PostgreSQL session advisory lock on a dedicated connection. The
 * server frees it when that session ends, even on SIGKILL, so a standby takes over by polling.
 * The key includes the schema, so relays of separate schemas (tests) never block each other.
 */
export class AdvisoryLeaderLock {
  /** Whether a lock connection is up now (holding the lock or polling for it): the relay's readiness. */
  connected = false;

  constructor(
    private readonly connectionString: string,
    private readonly name: string,
    private readonly pollMs: number,
    private readonly logger: MessagingLogger,
  ) {}

  /** Resolves once this process holds the lock; waits (standby) while another one does. */
  async acquire(signal: AbortSignal, onStandby?: () => void): Promise<LeaderSession | null> {
    let standbyLogged = false;
    try {
      // A lost connection is retried with backoff; a connection that worked before it was lost
      // starts a new outage (progress): one warning per outage, the backoff from its base again.
      return await retry(
        async (_n, attempt) => {
          const client = new Client({ connectionString: this.connectionString, application_name: `relay:${this.name}` });
          const lost = new AbortController();
          const onLost = () => {
            this.connected = false;
            lost.abort();
          };
          client.on('error', onLost);
          client.on('end', onLost);
          try {
            await client.connect();
            this.connected = true;
            attempt.progress();
            while (!signal.aborted) {
              if (lost.signal.aborted) throw new Error('relay lock connection lost');
              if (await this.tryLock(client)) {
                this.logger.info({ relay: this.name }, 'Relay lock acquired; this replica is active');
                return { client, lost: lost.signal, release: () => client.end().catch(() => undefined) };
              }
              if (!standbyLogged) {
                standbyLogged = true;
                this.logger.info({ relay: this.name }, 'Another relay holds the lock; standing by');
                onStandby?.();
              }
              await sleep(this.pollMs, signal);
            }
          } catch (e) {
            this.connected = false;
            await client.end().catch(() => undefined);
            throw e;
          }
          await client.end().catch(() => undefined);
          return null;
        },
        {
          backoff: RECONNECT_BACKOFF,
          signal,
          onFailure: (e) =>
            this.logger.warn(
              { relay: this.name, err: e instanceof Error ? e.message : String(e) },
              'PostgreSQL unreachable for the relay lock; retrying with backoff',
            ),
        },
      );
    } catch (e) {
      if (e instanceof RetryAbortedError) return null;
      throw e;
    }
  }

  private async tryLock(client: Client): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtextextended(current_schema() || '/relay/' || $1, 0)) AS locked`,
      [this.name],
    );
    return rows[0].locked;
  }
}
