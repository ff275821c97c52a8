import { counter, gauge, histogram } from '@adminduk/observability';

/** The running relay's count of events still to publish, read when Prometheus scrapes. */
let countBehind: (() => Promise<number | null>) | undefined;

/**
 * Prometheus metrics of the relay, in the process's one registry (libs/observability), served on
 * `/metrics` with every other family. Labels carry no event content.
 */
export class RelayMetrics {
  readonly published = counter({ name: 'relay_events_published_total', help: 'Events acknowledged by JetStream' });
  readonly duplicates = counter({
    name: 'relay_events_duplicate_total',
    help: 'Publishes JetStream dropped as duplicates (msg id seen)',
  });
  readonly lag = histogram({
    name: 'relay_publish_lag_seconds',
    help: 'Event occurredAt (set at append) to JetStream publish ack',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  });
  readonly active = gauge({ name: 'relay_active', help: '1 when this replica holds the relay lock, 0 on standby' });
  readonly behind = gauge({
    name: 'relay_events_behind',
    help: 'Events in the store after the last acknowledged one (capped at 10000); measured on scrape',
    async collect() {
      const n = await countBehind?.().catch(() => null);
      if (n !== null && n !== undefined) this.set(n);
    },
  });
  readonly rewinds = counter({
    name: 'relay_reconnect_rewinds_total',
    help: 'Runs restarted from before a NATS disconnect, to republish what a restarted server lost (or may have, when its stream could not say)',
  });
  readonly publishFailures = counter({ name: 'relay_publish_failures_total', help: 'Pipeline restarts after a failed publish' });

  constructor(behind: () => Promise<number | null>) {
    // One relay runs per process; the newest one is the one scraped.
    countBehind = behind;
  }
}
