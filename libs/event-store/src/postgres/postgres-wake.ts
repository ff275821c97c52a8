import { Client, type ClientConfig } from 'pg';
import type { WakeSource } from './postgres-subscription';

/**
 * Appends wake subscribers through LISTEN/NOTIFY, but never inside the append's transaction: a
 * notifying transaction takes a database-wide lock from pre-commit until its commit is flushed,
 * which would serialise every append. Instead the writer notifies after commit on its own
 * connection (asynchronous commit: a lost notification only costs a poll interval), coalesced to
 * at most one NOTIFY per interval while appends keep coming.
 */
export class PostgresNotifier {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private inFlight = false;
  private pending = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly intervalMs: number,
  ) {}

  wake(): void {
    if (this.closed) return;
    if (this.inFlight || this.timer) {
      this.pending = true;
      return;
    }
    this.fire();
  }

  private fire(): void {
    this.pending = false;
    this.inFlight = true;
    this.connection()
      .then((c) => c.query('SELECT pg_notify($1, \'\')', [this.channel]))
      .catch(() => this.drop())
      .finally(() => {
        this.inFlight = false;
        if (this.closed) return;
        this.timer = setTimeout(() => {
          this.timer = null;
          if (this.pending) this.fire();
        }, this.intervalMs);
        this.timer.unref();
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
      if (this.closed) {
        await c.end();
        return;
      }
      this.client = c;
      // Whatever was appended while we were not listening: let subscribers look.
      this.listeners.forEach((l) => l());
    } catch {
      this.lost(c);
    }
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
