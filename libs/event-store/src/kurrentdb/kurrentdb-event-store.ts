import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  KurrentDBClient,
  Position,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, GlobalPosition, NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { comparePositions, START } from '../envelope/event-envelope';
import { GENESIS_HASH, sealMetadata } from '../envelope/hash-chain';
import { WrongExpectedStateError } from '../errors';
import type {
  AppendResult,
  EventStore,
  ExpectedState,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { reportSubscriptionFailure } from '../subscription-failure';

const MAX_RETRIES = 20;

interface Head {
  revision: number;
  hash: string;
  position: GlobalPosition;
}

/**
 * Event store on KurrentDB (EventStoreDB) through @kurrent/kurrentdb-client. Revisions are the
 * server's own (0-based). The hash chain needs the previous event's hash, so an append reads the
 * stream's last event, seals the new events and appends with that exact revision: the server's
 * optimistic check then guarantees the link. For 'any' and 'stream_exists' a lost race is retried.
 */
export class KurrentDbEventStore implements EventStore {
  constructor(private readonly client: KurrentDBClient) {}

  /** E.g. "kurrentdb://127.0.0.1:2113?tls=false". The client library is loaded only here. */
  static fromConnectionString(connectionString: string): KurrentDbEventStore {
    // Loaded lazily: most processes use the PostgreSQL store and need not load gRPC and the native bridge.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentDBClient } = require('@kurrent/kurrentdb-client') as typeof import('@kurrent/kurrentdb-client');
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString));
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      const head = await this.head(streamId);
      const current = head ? head.revision : -1;
      if (!satisfies(expected, current)) {
        const replay = await this.alreadyAppended(streamId, events, expected, current);
        if (replay) return replay;
        throw new WrongExpectedStateError(streamId, expected, current);
      }
      if (events.length === 0) return { nextExpectedRevision: current, position: head ? head.position : START };

      let prevHash = head ? head.hash : GENESIS_HASH;
      const data = events.map((e, i) => {
        const metadata = sealMetadata({ streamId, revision: current + 1 + i, type: e.type, data: e.data, metadata: e.metadata }, prevHash);
        prevHash = metadata.hash;
        return {
          id: metadata.eventId,
          contentType: 'application/json' as const,
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: metadata as unknown as Record<string, unknown>,
        };
      });
      const streamState: AppendStreamState = current < 0 ? 'no_stream' : BigInt(current);
      try {
        const result = await this.client.appendToStream(streamId, data, { streamState });
        if (!result.position) throw new Error(`KurrentDB returned no position for the append to ${streamId}`);
        return { nextExpectedRevision: Number(result.nextExpectedRevision), position: toPosition(result.position) };
      } catch (e) {
        if (!isWrongExpectedVersion(e)) throw e;
        // Someone appended between our read and our write.
        const now = (await this.head(streamId))?.revision ?? -1;
        const replay = await this.alreadyAppended(streamId, events, expected, now);
        if (replay) return replay;
        if ((expected === 'any' || expected === 'stream_exists') && attempt < MAX_RETRIES) continue;
        throw new WrongExpectedStateError(streamId, expected, now);
      }
    }
  }

  /**
   * Idempotency: the same event ids, already stored right after the revision the writer expected
   * (or, for 'any'/'stream_exists', as the stream's last events), make the append a no-op, reported
   * as alreadyStored. (A re-append racing the first one may instead be absorbed by the server's own
   * idempotency and look like a write: hence reportsAlreadyStored is not set.)
   */
  private async alreadyAppended(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedState,
    current: number,
  ): Promise<AppendResult | null> {
    if (events.length === 0 || current < 0) return null;
    const ids = events.map((e) => e.metadata.eventId.toLowerCase());
    const candidates =
      typeof expected === 'object' || expected === 'no_stream'
        ? await this.readStream(streamId, { fromRevision: typeof expected === 'object' ? expected.revision + 1 : 0, maxCount: ids.length })
        : (await this.readStream(streamId, { direction: 'backwards', maxCount: ids.length })).reverse();
    const stored = candidates.map((e) => e.metadata.eventId.toLowerCase());
    if (stored.length !== ids.length || stored.some((id, i) => id !== ids[i])) return null;
    return { nextExpectedRevision: current, position: candidates[candidates.length - 1].position, alreadyStored: true };
  }

  private async head(streamId: string): Promise<Head | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? { revision: last.revision, hash: last.metadata.hash, position: last.position } : null;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const fromRevision: ReadRevision = options.fromRevision === undefined ? (backwards ? 'end' : 'start') : BigInt(options.fromRevision);
    const out: RecordedEvent[] = [];
    if (options.maxCount === 0) return out;
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? 'backwards' : 'forwards',
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const e = toRecorded(resolved);
        if (e) out.push(e);
      }
    } catch (e) {
      if (isStreamNotFound(e)) return [];
      throw e;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    const fromPosition: ReadPosition = after.commit < 0n ? 'start' : { commit: after.commit, prepare: after.prepare };
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount === 0) return [];
    const out: RecordedEvent[] = [];
    // The server starts at `fromPosition` inclusively; one more than asked covers the event sitting there.
    for await (const resolved of this.client.readAll({
      fromPosition,
      maxCount: maxCount === Number.MAX_SAFE_INTEGER ? maxCount : maxCount + 1,
      filter: systemEventsExcluded(),
    })) {
      const e = toRecorded(resolved);
      if (e && comparePositions(e.position, after) > 0) out.push(e);
      if (out.length >= maxCount) break;
    }
    return out;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const after = options.after ?? START;
    const subscription = this.client.subscribeToAll({
      fromPosition: after.commit < 0n ? 'start' : { commit: after.commit, prepare: after.prepare },
      filter: systemEventsExcluded(),
    });
    let closed = false;
    // for await pulls one event at a time: the next waits for the handler's promise.
    const running = (async () => {
      for await (const resolved of subscription) {
        if (closed) break;
        const e = toRecorded(resolved);
        if (e && comparePositions(e.position, after) > 0) await options.onEvent(e);
      }
    })().catch((e: unknown) => {
      if (closed) return;
      closed = true;
      void subscription.unsubscribe().catch(() => undefined);
      reportSubscriptionFailure(options, e);
    });
    return {
      async close() {
        closed = true;
        await subscription.unsubscribe().catch(() => undefined);
        await running;
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function satisfies(expected: ExpectedState, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current < 0;
  if (expected === 'stream_exists') return current >= 0;
  return expected.revision === current;
}

function systemEventsExcluded() {
  // Same as the client's excludeSystemEvents(), built here so the client is only loaded on connect.
  return { filterOn: 'eventType' as const, regex: '^[^$].*', checkpointInterval: 1 };
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const e = resolved.event;
  if (!e || !e.isJson || e.streamId.startsWith('$')) return null;
  const position =
    e.position ?? (resolved.commitPosition !== undefined ? { commit: resolved.commitPosition, prepare: resolved.commitPosition } : null);
  return {
    streamId: e.streamId,
    revision: Number(e.revision),
    position: position ? toPosition(position) : START,
    type: e.type,
    data: e.data,
    metadata: e.metadata as unknown as EventMetadata,
  };
}

function toPosition(p: Position): GlobalPosition {
  return { commit: BigInt(p.commit), prepare: BigInt(p.prepare) };
}

function isWrongExpectedVersion(e: unknown): boolean {
  return (e as { type?: string })?.type === 'wrong-expected-version';
}

function isStreamNotFound(e: unknown): boolean {
  return (e as { type?: string })?.type === 'stream-not-found';
}
