import { counter, gauge, histogram } from './metrics-registry';

/**
 * The platform's metric families, defined once so their names and labels are documented in one
 * place (docs/runbook.md, "Metrics"). Every label value passes a bound here: a label is a route
 * template, a command type, a consumer or projection name, a status code or an outcome word.
 */

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Identifier-like words only (route templates, type and durable names): never free text, never a number such as a NIK. */
const NAME = /^[A-Za-z0-9_.:/{}-]{1,120}$/;
const bounded = (value: string | undefined, fallback: string) => (value && NAME.test(value) && !/\d{8}/.test(value) ? value : fallback);

// HTTP: rate, errors (status_code 5xx) and duration per route template.
const httpDuration = histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP requests served, by method, route template (never the raw path) and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: SECONDS,
});

/** One finished HTTP request. `route` is the router's template; requests no route matched count as `unmatched`. */
export function observeHttpRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
  httpDuration.observe(
    { method: METHODS.has(method) ? method : 'OTHER', route: bounded(route, 'unmatched'), status_code: String(statusCode) },
    seconds,
  );
}

// Commands: every decision through the one write path (libs/event-store handleCommand).
export type CommandOutcomeLabel = 'accepted' | 'replayed' | 'unchanged' | 'refused' | 'conflict' | 'key_reused' | 'failed';
const commands = counter({
  name: 'commands_total',
  help: 'Commands handled by the write path, by command type and outcome',
  labelNames: ['command', 'outcome'] as const,
});
const commandDuration = histogram({
  name: 'command_duration_seconds',
  help: 'Time to decide and append a command (reads, decision, append, retries on a concurrent change)',
  labelNames: ['command'] as const,
  buckets: SECONDS,
});

export function recordCommand(commandType: unknown, outcome: CommandOutcomeLabel, seconds: number): void {
  const command = bounded(typeof commandType === 'string' ? commandType : undefined, 'other');
  commands.inc({ command, outcome });
  commandDuration.observe({ command }, seconds);
}

const commandsPastDeadline = counter({
  name: 'commands_deadline_passed_total',
  help: 'Commands received after their sender stopped waiting (answered 503 already) and therefore not run, by subject',
  labelNames: ['subject'] as const,
});

/** A command dropped unrun because its deadline had passed (libs/application-commands, command-assertion.ts). */
export function recordCommandPastDeadline(subject: string): void {
  commandsPastDeadline.inc({ subject: bounded(subject, 'other') });
}

// JetStream consumers: throughput by outcome, redeliveries, and lag measured on scrape.
export type ConsumedOutcome = 'acked' | 'retried' | 'dead_lettered';
const consumed = counter({
  name: 'nats_consumer_messages_total',
  help: 'Messages a JetStream consumer finished with, by durable consumer and outcome',
  labelNames: ['consumer', 'outcome'] as const,
});
const redeliveries = counter({
  name: 'nats_consumer_redeliveries_total',
  help: 'Messages delivered again after a failure, a nak or an expired ack wait',
  labelNames: ['consumer'] as const,
});

export function recordConsumed(consumer: string, outcome: ConsumedOutcome, messages = 1): void {
  if (messages > 0) consumed.inc({ consumer: bounded(consumer, 'other'), outcome }, messages);
}

/** Counts a delivery that is not the message's first. */
export function recordDelivery(consumer: string, deliveryCount: number): void {
  if (deliveryCount > 1) redeliveries.inc({ consumer: bounded(consumer, 'other') });
}

/** What the server reports about a durable consumer (nats.js ConsumerInfo has these fields). */
export interface ConsumerLag {
  num_pending: number;
  num_ack_pending: number;
}
const lagSources = new Map<string, () => Promise<ConsumerLag>>();
const SCRAPE_TIMEOUT_MS = 2_000;

gauge({
  name: 'nats_consumer_pending_messages',
  help: 'Messages in the stream the consumer has not been delivered yet (its lag); measured on scrape',
  labelNames: ['consumer', 'state'] as const,
  async collect() {
    this.reset();
    await Promise.all(
      [...lagSources].map(async ([name, info]) => {
        const lag = await withTimeout(info(), SCRAPE_TIMEOUT_MS).catch(() => undefined);
        if (!lag) return;
        this.set({ consumer: name, state: 'undelivered' }, lag.num_pending);
        this.set({ consumer: name, state: 'unacknowledged' }, lag.num_ack_pending);
      }),
    );
  },
});

/** Reports a running consumer's lag on every scrape until the returned function is called. */
export function watchConsumerLag(consumer: string, info: () => Promise<ConsumerLag>): () => void {
  const name = bounded(consumer, 'other');
  lagSources.set(name, info);
  return () => {
    if (lagSources.get(name) === info) lagSources.delete(name);
  };
}

// Projections: how old the newest event each projection applied is.
const newestApplied = new Map<string, number>();
gauge({
  name: 'projection_checkpoint_age_seconds',
  help: 'Seconds since the newest event a projection has applied was recorded; grows while the projection is stuck or idle',
  labelNames: ['projection'] as const,
  collect() {
    const now = Date.now();
    for (const [projection, at] of newestApplied) this.set({ projection }, Math.max(0, now - at) / 1000);
  },
});

/** A projection applied events up to one recorded at `newestRecordedAt` (ISO text or Date). */
export function recordProjectionApplied(projection: string, newestRecordedAt: string | Date | undefined): void {
  const name = bounded(projection, 'other');
  const at = newestRecordedAt instanceof Date ? newestRecordedAt.getTime() : Date.parse(newestRecordedAt ?? '');
  if (Number.isFinite(at) && at > (newestApplied.get(name) ?? 0)) newestApplied.set(name, at);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
