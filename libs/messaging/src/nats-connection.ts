import { connect, Events, DebugEvents, type ConnectionOptions, type NatsConnection } from 'nats';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { busConnectionOptions, type BusIdentity } from './bus-credentials';
import { inboxPrefixOf } from './bus-accounts';
import { defaultLogger, type MessagingLogger } from './logger';
import { retry, RetryAbortedError } from './retry';

export interface NatsConnectionSettings {
  url: string;
  /** Shown in the server's connection list; the service name. */
  name: string;
  logger?: MessagingLogger;
  /** Delay between attempts while the server is unreachable at the first connect (reconnects: RECONNECT_WAIT). */
  backoff?: BackoffPolicy;
  /** Aborting gives up the initial connect (e.g. on shutdown) with an error. */
  signal?: AbortSignal;
  /** The service's nkey seed: its identity on the bus (absent only on an open development server). */
  nkeySeed?: string;
  /** Extra `nats` options (TLS). */
  options?: Partial<ConnectionOptions>;
}

export const DEFAULT_CONNECT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 10_000, jitter: 0.2 };

/**
 * Between two reconnect attempts once a connection was lost: half a second, jittered, without
 * growth. nats.js asks `reconnectDelayHandler` on every turn of its reconnect loop, also the turns
 * that only wait, and dials when the last dial is older than the answer; a handler that grows per
 * call ran up to its cap within a second, so every service dialled again only 8-10 s after a NATS
 * restart (issue 16's fault suite). A restarted server is found within half a second; two refused
 * connections a second per client cost the server nothing.
 */
export const RECONNECT_WAIT: BackoffPolicy = { baseMs: 500, maxMs: 500, jitter: 0.2 };
export const reconnectDelay = (): number => backoffDelay(1, RECONNECT_WAIT);

/**
 * How long one connect attempt may take, handshake included (nats.js waits 20 s by default). On a
 * loopback or in-cluster bus a healthy handshake takes milliseconds; an attempt still hanging after
 * 5 s met a server that was stalled or restarting, and a fresh attempt finds it sooner than waiting
 * out the rest (CI saw a service's first connect hang 20 s, past its readiness window).
 */
export const CONNECT_TIMEOUT_MS = 5000;

/**
 * What every long-lived connection of a service shares: its identity on the bus, the attempt
 * timeout, and reconnecting without limit every half second. One place, so the Nest transport and
 * ManagedNatsConnection cannot drift apart (they did: the transport kept nats.js's 20 s).
 */
export function serviceConnectOptions(id: BusIdentity): Partial<ConnectionOptions> {
  return {
    name: id.service,
    timeout: CONNECT_TIMEOUT_MS,
    maxReconnectAttempts: -1,
    reconnectDelayHandler: reconnectDelay,
    ...busConnectionOptions(id),
  };
}

/**
 * One NATS connection per service. The first connect retries forever with exponential backoff, so a
 * service started before NATS simply waits; afterwards the client reconnects without limit.
 * Logs one line per *kind* of failure (not per attempt), and never message content.
 */
export class ManagedNatsConnection {
  private constructor(
    readonly connection: NatsConnection,
    /** Where this connection's replies arrive; its bus user may read nothing else. */
    readonly inboxPrefix: string,
    private readonly logger: MessagingLogger,
  ) {
    void this.watchStatus();
  }

  private reconnecting = false;
  private disconnectedAt: number | null = null;
  private readonly reconnectListeners = new Set<(disconnectedAt: number) => void>();

  /**
   * Called after each reconnect with the time (ms) the connection was lost. A restarted server may
   * have lost what it acknowledged last before it died (JetStream flushes its files asynchronously):
   * a publisher that must lose nothing republishes from before that moment (the relay does).
   */
  onReconnect(listener: (disconnectedAt: number) => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  static async connect(settings: NatsConnectionSettings): Promise<ManagedNatsConnection> {
    const logger = settings.logger ?? defaultLogger();
    const policy = settings.backoff ?? DEFAULT_CONNECT_BACKOFF;
    const server = safeUrl(settings.url);
    try {
      const nc = await retry(
        () =>
          connect({
            servers: settings.url,
            pingInterval: 10_000,
            ...serviceConnectOptions({ service: settings.name, nkeySeed: settings.nkeySeed }),
            ...settings.options,
          }),
        {
          backoff: policy,
          signal: settings.signal,
          failureKind,
          onFailure: (e) =>
            logger.warn({ server, reason: failureKind(e), err: errorMessage(e) }, 'NATS unreachable; retrying with backoff until it is up'),
          onRecovered: (attempts) => logger.info({ server, attempts }, 'NATS connected after retrying'),
        },
      );
      return new ManagedNatsConnection(nc, inboxPrefixOf(settings.name), logger);
    } catch (e) {
      if (e instanceof RetryAbortedError) throw new Error(`NATS connect to ${server} aborted`);
      throw e;
    }
  }

  /** Ready = connected now (not closed, not between reconnect attempts). */
  isReady(): boolean {
    return !this.connection.isClosed() && !this.reconnecting;
  }

  async close(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch(() => this.connection.close());
  }

  private async watchStatus(): Promise<void> {
    let loggedDisconnect = false;
    for await (const s of this.connection.status()) {
      switch (s.type) {
        case Events.Disconnect:
        case DebugEvents.Reconnecting:
          this.reconnecting = true;
          this.disconnectedAt ??= Date.now();
          if (!loggedDisconnect) {
            loggedDisconnect = true;
            this.logger.warn({ server: String(s.data) }, 'NATS connection lost; reconnecting with backoff');
          }
          break;
        case Events.Reconnect:
          this.reconnecting = false;
          loggedDisconnect = false;
          this.logger.info({ server: String(s.data) }, 'NATS reconnected');
          if (this.disconnectedAt !== null) {
            const at = this.disconnectedAt;
            this.disconnectedAt = null;
            this.reconnectListeners.forEach((l) => l(at));
          }
          break;
        case Events.Error:
          this.logger.error({ err: String(s.data) }, 'NATS async error');
          break;
        default:
          break;
      }
    }
  }
}

function failureKind(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && code ? code : e instanceof Error ? e.name : 'unknown';
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Drops credentials from a URL before it reaches a log line. */
export function safeUrl(url: string): string {
  return url
    .split(',')
    .map((u) => {
      try {
        const parsed = new URL(u.includes('://') ? u : `nats://${u}`);
        parsed.username = '';
        parsed.password = '';
        return parsed.toString().replace(/\/$/, '');
      } catch {
        return '<unparseable url>';
      }
    })
    .join(',');
}
