import { createHash } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import type { WakeSource } from './postgres-subscription';

/**
 * A listening connection also holds a shared advisory lock named after its channel, so a writer
 * can tell from pg_locks whether anyone listens at all, and send no NOTIFY when nobody does.
 */
function presenceKeys(channel: string): [number, number] {
  return [0x45535f4c /* "ES_L" */, createHash('sha1').update(channel).digest().readInt32BE(0)];
}
const PRESENCE_CHECK_MS = 1000;
const WARM_UP_TICK_MS = 50;

/**
 * Appends wake subscribers through LISTEN/NOTIFY, but never inside the append's transaction: a
 * notifying transaction takes a database-wide lock from pre-commit until its commit is flushed,
 * which would serialise every append. Instead the writer notifies after commit on its own
 * connection (asynchronous commit: a lost notification only costs a poll interval), coalesced to
 * at most one NOTIFY per interval while appends keep coming, and none while nobody listens
 * (checked at most once a second; a wake in between waits for the next check).
 */
export class PostgresNotifier {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private inFlight = false;
  private pending = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private listened = false;
  private checkedAt = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly intervalMs: number,
    private readonly presenceCheckMs = PRESENCE_CHECK_MS,
  ) {}

  wake(): void {
    if (this.closed) return;
    if (this.inFlight || this.timer) {
      this.pending = true;
      return;
    }
    this.fire();
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending) this.fire();
    }, ms);
    this.timer.unref();
  }

  private fire(): void {
    // Nobody listened at the last check, and it is recent: look again when the check is due, not
    // now (a writer-only process asks at most once a check). The wake is kept, not dropped: a
    // listener that started just after the check has only its warm-up to find this append, and a
    // starved process can outlast the warm-up (CI: a subscriber polling hourly never saw an event).
    const checkDueIn = this.checkedAt + this.presenceCheckMs - Date.now();
    if (!this.listened && this.checkedAt > 0 && checkDueIn > 0) {
      this.pending = true;
      this.schedule(checkDueIn + 1);
      return;
    }
    this.pending = false;
    this.inFlight = true;
    this.connection()
      .then(async (c) => {
        if (Date.now() - this.checkedAt >= this.presenceCheckMs) {
          // The time the question was asked, not answered: a listener that came after it is not in the answer.
          const askedAt = Date.now();
          const { rows } = await c.query<{ present: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND d.datname = current_database()
                  AND l.classid = $1::int::oid AND l.objid = $2::int::oid AND l.objsubid = 2) AS present`,
            presenceKeys(this.channel),
          );
          this.listened = rows[0].present;
          this.checkedAt = askedAt;
        }
        if (this.listened) await c.query("SELECT pg_notify($1, '')", [this.channel]);
      })
      .catch(() => this.drop())
      .finally(() => {
        this.inFlight = false;
        if (!this.closed) this.schedule(this.intervalMs);
      });
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const c = new Client(this.config);
      c.on('error', () => this.drop());
      await c.connect();
      await c.query('SET synchronous_commit = off');
      this.client = c;
      return c;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private drop(): void {
    const c = this.client;
    this.client = null;
    c?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}

/** One LISTEN connection per store, shared by its subscriptions; reconnects after a loss. */
export class PostgresListener implements WakeSource {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private starting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly retryMs: number,
    private readonly warmUpMs = 2 * PRESENCE_CHECK_MS,
  ) {}

  onWake(listener: () => void): () => void {
    this.listeners.add(listener);
    this.ensureStarted();
    return () => this.listeners.delete(listener);
  }

  private ensureStarted(): void {
    if (this.closed || this.client || this.starting) return;
    this.starting = this.start().finally(() => (this.starting = null));
  }

  private async start(): Promise<void> {
    const c = new Client(this.config);
    c.on('notification', () => this.listeners.forEach((l) => l()));
    c.on('error', () => this.lost(c));
    c.on('end', () => this.lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
      await c.query('SELECT pg_advisory_lock_shared($1, $2)', presenceKeys(this.channel));
      if (this.closed) {
        await c.end();
        return;
      }
      this.client = c;
      // Whatever was appended while we were not listening: let subscribers look. Writers learn of
      // this listener within PRESENCE_CHECK_MS; until then they may skip NOTIFY, so look often.
      this.listeners.forEach((l) => l());
      this.warmUp(c);
    } catch {
      this.lost(c);
    }
  }

  private warmUp(c: Client): void {
    if (this.warmUpMs <= 0) return;
    const until = Date.now() + this.warmUpMs;
    const tick = setInterval(() => {
      if (this.client !== c || Date.now() > until) return clearInterval(tick);
      this.listeners.forEach((l) => l());
    }, WARM_UP_TICK_MS);
    tick.unref();
  }

  private lost(c: Client): void {
    if (this.client === c) this.client = null;
    c.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.listeners.size > 0) this.ensureStarted();
    }, this.retryMs);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.starting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
