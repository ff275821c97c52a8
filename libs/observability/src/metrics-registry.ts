import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's one Prometheus registry: every metric of the platform (HTTP, commands, consumers,
 * projections, relay) and Node's default process metrics register here, and every service serves
 * it on `GET /metrics`. One registry per process rather than per app, because the in-process test
 * platform runs several services in one process and a metric name may be registered only once.
 *
 * Labels never carry personal data or unbounded values: route templates (not paths), command
 * types, consumer and projection names, status codes and outcome words.
 */
export const metricsRegistry = new Registry();
// The event-loop delay is sampled every 100 ms, not prom-client's default 10 ms: that woke every
// service's loop about 200 times a second, busy or idle (a lag worth alerting on is far longer).
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 100 });

type Config<T extends string> = { name: string; help: string; labelNames?: readonly T[] };

/** The registered metric of that name, or a new one: safe to call from every app in the process. */
function getOrCreate<M>(name: string, create: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? create();
}

export function counter<T extends string>(c: Config<T>): Counter<T> {
  return getOrCreate(c.name, () => new Counter<T>({ ...c, registers: [metricsRegistry] }));
}

export function histogram<T extends string>(c: Config<T> & { buckets?: number[] }): Histogram<T> {
  return getOrCreate(c.name, () => new Histogram<T>({ ...c, registers: [metricsRegistry] }));
}

/** A gauge; `collect` runs on every scrape (for values measured then, such as a lag). */
export function gauge<T extends string>(c: Config<T> & { collect?: (this: Gauge<T>) => void | Promise<void> }): Gauge<T> {
  return getOrCreate(c.name, () => new Gauge<T>({ ...c, registers: [metricsRegistry] }));
}

/** One sample of a registered metric, matched on the labels given; undefined when there is none (tests, checks). */
export async function metricSample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

/** Writes the registry in Prometheus text format: the one body of every `/metrics` route. */
export function writeMetrics(res: ServerResponse): void {
  metricsRegistry.metrics().then(
    (body) => {
      res.writeHead(200, { 'content-type': metricsRegistry.contentType });
      res.end(body);
    },
    () => {
      res.writeHead(500, { 'content-type': 'application/json' });
      // The platform's one error shape (decision 0009), written out: this library does not depend on libs/http.
      res.end(
        JSON.stringify({
          statusCode: 500,
          error: 'Internal Server Error',
          code: 'INTERNAL',
          message: 'Metrik tidak dapat dibaca; silakan coba lagi',
        }),
      );
    },
  );
}
