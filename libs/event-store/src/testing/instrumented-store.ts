import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';
import type {
  AppendResult,
  EventStore,
  ExpectedState,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '../event-store.port';

/**
 * A real event store seen through a test's eyes: counts stream reads, and can claim it cannot tell
 * a re-append from a write (`reportsAlreadyStored = false`, as an adapter that cannot see it would).
 * Closing it leaves the real store open for the next test.
 */
export class InstrumentedStore implements EventStore {
  reads = 0;

  constructor(
    private readonly inner: EventStore,
    readonly reportsAlreadyStored = inner.reportsAlreadyStored,
  ) {}

  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expected);
  }
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.reads++;
    return this.inner.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.inner.readAll(options);
  }
  subscribeToAll(options: SubscribeToAllOptions) {
    return this.inner.subscribeToAll(options);
  }
  close() {
    return Promise.resolve();
  }
}
