import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the relay. Labels carry no event content, only the relay name. */
export class RelayMetrics {
  readonly registry = new Registry();
  readonly published = new Counter({
    name: 'relay_events_published_total',
    help: 'Events acknowledged by JetStream',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'relay_events_duplicate_total',
    help: 'Publishes JetStream dropped as duplicates (msg id seen)',
    registers: [this.registry],
  });
  readonly lag = new Histogram({
    name: 'relay_publish_lag_seconds',
    help: 'Event occurredAt (set at append) to JetStream publish ack',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly active = new Gauge({
    name: 'relay_active',
    help: '1 when this replica holds the relay lock, 0 on standby',
    registers: [this.registry],
  });
  readonly behind: Gauge;
  readonly publishFailures = new Counter({
    name: 'relay_publish_failures_total',
    help: 'Pipeline restarts after a failed publish',
    registers: [this.registry],
  });

  constructor(countBehind: () => Promise<number | null>) {
    this.behind = new Gauge({
      name: 'relay_events_behind',
      help: 'Events in the store after the last acknowledged one (capped at 10000); measured on scrape',
      registers: [this.registry],
      async collect() {
        const n = await countBehind().catch(() => null);
        if (n !== null) this.set(n);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }
}
