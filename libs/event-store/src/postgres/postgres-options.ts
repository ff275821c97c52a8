import type { PoolConfig } from 'pg';

/** How PostgresEventStore.create connects and tunes its subscriptions and head cache. */
export interface PostgresEventStoreOptions extends PoolConfig {
  /** Fallback poll of live subscriptions when no NOTIFY arrives. Default 500 ms. */
  pollIntervalMs?: number;
  /**
   * At most one NOTIFY per this interval while appends keep coming. Default 25 ms: each wake-up
   * costs every subscriber a read (and the relay a publish round), so under steady load fewer,
   * fuller reads are cheaper; the first append after a quiet spell still notifies at once.
   */
  notifyIntervalMs?: number;
  /** Page size of subscription catch-up. Default 500. */
  subscriptionBatchSize?: number;
  /** Streams whose latest hash is kept to append without reading the head. Default 10,000; 0 disables. */
  streamHeadCacheSize?: number;
}
