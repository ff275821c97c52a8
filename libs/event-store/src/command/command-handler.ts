import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Actor, EventMetadataInput, NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { IdempotencyKeyReusedError, WrongExpectedStateError } from '../errors';
import { observeCommand } from './command-metrics';
import type { AppendResult, EventStore, ExpectedState } from '../event-store.port';
import { deterministicUuid } from './deterministic-id';
import { requestFingerprint } from './request-fingerprint';

/** The decider shape every aggregate follows (libs/domain). */
export interface DeciderLike<C, E extends { type: string }, S, X = unknown> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S, context: X) => E[];
}

/** Domain events as the store hands them to evolve: type, schema version, data. */
export interface DomainEventLike {
  type: string;
  schemaVersion?: number;
  data?: unknown;
}

export interface CommandEnvelope<C, S = unknown> {
  command: C;
  /** Client-chosen key; a retry with the same key returns the first outcome and appends nothing. */
  idempotencyKey: string;
  /**
   * What the key names. 'request' (the default): one request of a caller. The fingerprint of the
   * command (requestFingerprint: type and data without the actor, and the stream) goes into the
   * metadata of the events it produces; the same key with another fingerprint is refused with
   * IdempotencyKeyReusedError and appends nothing. 'step': one step of a process that the platform
   * may attempt again with other data (a NIK drawn again on a redelivery, another failure code on a
   * second attempt); the attempt stored first is the outcome of every attempt.
   */
  keyNames?: 'request' | 'step';
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** Routes the events on the bus (evt.<kecamatan>...); may depend on the stream's state. */
  kecamatan?: string | ((state: S) => string | undefined);
  traceparent?: string;
  now: Date;
  /**
   * The command creates its stream (e.g. a new application whose id follows from the key). With a
   * store that reportsAlreadyStored, the handler then decides against the initial state and appends
   * expecting no stream without reading first; only a stream that turns out to exist (another
   * command created it, or this one ran before) is read, through the normal path.
   */
  expectNewStream?: boolean;
  /**
   * The decision does not depend on the stream's history (a record-only stream such as the access
   * log, where every command has a fresh key): with a store that reportsAlreadyStored, the handler
   * decides against the initial state and appends at whatever the head is, without reading the
   * stream, which would cost a read growing with every record. Only a re-append (this key ran
   * before) is read, through the normal path. The outcome's state is then the initial state with
   * the new events, not the whole stream's.
   */
  appendWithoutReading?: boolean;
  /**
   * The stream's state at a revision, as the caller knows it (its fold of a read a moment ago, or the
   * outcome of its own last command on the stream): with a store that reportsAlreadyStored, the first
   * attempt decides on it and appends expecting that revision, without reading. A write since then
   * fails the append; a refusal or an empty decision is not trusted either (the state may be stale,
   * and a re-run of this key must get its stored outcome): both go down the normal path, which reads.
   */
  known?: KnownState<S>;
}

/** A stream's state after its event at `revision` (-1: no stream), e.g. an outcome's state and nextExpectedRevision. */
export interface KnownState<S> {
  state: S;
  revision: number;
}

export interface CommandOutcome<E, S> {
  streamId: string;
  /** Events this command produced (the stored ones on an idempotent replay). */
  events: E[];
  state: S;
  nextExpectedRevision: number;
  replayed: boolean;
}

/**
 * Read → fold → decide → append with the expected revision; retries on a concurrent writer.
 * Idempotency comes from deterministic event ids: if the first id this command would write is
 * already in the stream, the command ran before and its stored events are returned, provided the
 * request is the one that wrote them (same fingerprint; events stored without one replay as before).
 * With env.expectNewStream the read is skipped while the stream does not exist, with
 * env.appendWithoutReading always unless the command ran before (appendWithoutReading), with
 * env.known while what the caller knows is still the head and the decision accepts.
 */
export function handleCommand<C, E extends DomainEventLike, S, X>(
  store: EventStore,
  streamId: string,
  decider: DeciderLike<C, E, S, X>,
  env: CommandEnvelope<C, S>,
  /** Facts the decision needs from outside (time, registry answers); built per attempt. */
  context: (state: S) => Promise<X> | X,
  maxAttempts = 5,
): Promise<CommandOutcome<E, S>> {
  return observeCommand(env.command, () => decideAndAppend(store, streamId, decider, env, context, maxAttempts));
}

async function decideAndAppend<C, E extends DomainEventLike, S, X>(
  store: EventStore,
  streamId: string,
  decider: DeciderLike<C, E, S, X>,
  env: CommandEnvelope<C, S>,
  context: (state: S) => Promise<X> | X,
  maxAttempts: number,
): Promise<CommandOutcome<E, S>> {
  const idFor = (i: number) => deterministicUuid(env.actor.userId, env.idempotencyKey, streamId, String(i));
  const fingerprint = env.keyNames === 'step' ? undefined : requestFingerprint(streamId, env.command);
  if ((env.expectNewStream || env.appendWithoutReading || env.known) && store.reportsAlreadyStored) {
    const { expected, stateBefore } = withoutReading(env, decider);
    const appended = await appendWithoutReading(store, streamId, decider, env, context, idFor, fingerprint, expected, stateBefore);
    if (appended) return appended;
  }
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const firstId = idFor(0);
    const replayAt = recorded.findIndex((r) => r.metadata.eventId === firstId);
    const state0 = recorded.reduce((s, r) => decider.evolve(s, toDomainEvent<E>(r)), decider.initialState());
    if (replayAt >= 0) {
      const stored = recorded[replayAt].metadata.requestFingerprint;
      if (fingerprint && stored && stored !== fingerprint) throw new IdempotencyKeyReusedError(streamId);
      const mine = recorded.slice(replayAt).filter((r, i) => r.metadata.eventId === idFor(i));
      return {
        streamId,
        events: mine.map((r) => toDomainEvent<E>(r)),
        state: state0,
        nextExpectedRevision: recorded.length - 1,
        replayed: true,
      };
    }
    const events = decider.decide(env.command, state0, await context(state0));
    if (events.length === 0) {
      return { streamId, events, state: state0, nextExpectedRevision: recorded.length - 1, replayed: false };
    }
    const expected: ExpectedState = recorded.length === 0 ? 'no_stream' : { revision: recorded.length - 1 };
    try {
      const { result, stateAfter } = await appendDecided(store, streamId, decider, env, idFor, fingerprint, events, state0, expected);
      // Another request with this key got there first (the store kept its events): read them, and
      // replay them or refuse this request, as for a request that arrives after it.
      if (result.alreadyStored) continue;
      return { streamId, events, state: stateAfter, nextExpectedRevision: result.nextExpectedRevision, replayed: false };
    } catch (e) {
      if (e instanceof WrongExpectedStateError && attempt < maxAttempts) continue;
      throw e;
    }
  }
}

/** What the fast path decides on and where it appends: the known state at its revision, or the initial state. */
function withoutReading<S>(
  env: CommandEnvelope<unknown, S>,
  decider: { initialState: () => S },
): { expected: ExpectedState; stateBefore: S } {
  const { known } = env;
  if (known) return { expected: known.revision < 0 ? 'no_stream' : { revision: known.revision }, stateBefore: known.state };
  return { expected: env.expectNewStream ? 'no_stream' : 'any', stateBefore: decider.initialState() };
}

/**
 * The fast path without a read: decide against the caller's known state and append expecting its
 * revision, or against the initial state and append expecting no stream (a creation) or at any head
 * (a history-free record). Null sends the caller down the normal path, which reads: when the stream
 * is not where the caller thought (another write, or it exists for a creation: the append is
 * refused), when the append reports its events already stored (this command ran before), and when the decision refuses or
 * yields nothing, because a retry must get its stored outcome whatever a decision made now would
 * say (time and the context move on).
 */
async function appendWithoutReading<C, E extends DomainEventLike, S, X>(
  store: EventStore,
  streamId: string,
  decider: DeciderLike<C, E, S, X>,
  env: CommandEnvelope<C, S>,
  context: (state: S) => Promise<X> | X,
  idFor: (i: number) => string,
  fingerprint: string | undefined,
  expected: ExpectedState,
  stateBefore: S,
): Promise<CommandOutcome<E, S> | null> {
  let events: E[];
  try {
    events = decider.decide(env.command, stateBefore, await context(stateBefore));
  } catch {
    return null;
  }
  if (events.length === 0) return null;
  try {
    const { result, stateAfter } = await appendDecided(store, streamId, decider, env, idFor, fingerprint, events, stateBefore, expected);
    if (result.alreadyStored) return null;
    return { streamId, events, state: stateAfter, nextExpectedRevision: result.nextExpectedRevision, replayed: false };
  } catch (e) {
    if (e instanceof WrongExpectedStateError) return null;
    throw e;
  }
}

/** Seals the decided events with their deterministic ids (and the request's fingerprint) and appends them. */
async function appendDecided<C, E extends DomainEventLike, S, X>(
  store: EventStore,
  streamId: string,
  decider: DeciderLike<C, E, S, X>,
  env: CommandEnvelope<C, S>,
  idFor: (i: number) => string,
  fingerprint: string | undefined,
  events: E[],
  stateBefore: S,
  expected: ExpectedState,
): Promise<{ result: AppendResult; stateAfter: S }> {
  const stateAfter = events.reduce(decider.evolve, stateBefore);
  const kecamatan = typeof env.kecamatan === 'function' ? env.kecamatan(stateAfter) : env.kecamatan;
  const toAppend: NewEvent[] = events.map((e, i) => ({
    type: e.type,
    data: e.data ?? {},
    metadata: metadataFor(env, idFor(i), e.schemaVersion ?? 1, kecamatan, fingerprint),
  }));
  return { result: await tracedAppend(store, streamId, toAppend, expected), stateAfter };
}

function metadataFor<C, S>(
  env: CommandEnvelope<C, S>,
  eventId: string,
  schemaVersion: number,
  kecamatan: string | undefined,
  requestFingerprint: string | undefined,
): EventMetadataInput {
  return {
    eventId,
    occurredAt: env.now.toISOString(),
    schemaVersion,
    correlationId: env.correlationId,
    causationId: env.causationId,
    actor: env.actor,
    kecamatan,
    traceparent: env.traceparent,
    requestFingerprint,
  };
}

/** Stored events become domain events again; upcasting of old schema versions hooks in here. */
export function toDomainEvent<E>(r: RecordedEvent): E {
  return { type: r.type, schemaVersion: r.metadata.schemaVersion, data: r.data } as E;
}

const tracer = trace.getTracer('@adminduk/event-store');

/** A CLIENT span around the append, so the trace shows the write between command and relay. */
function tracedAppend(store: EventStore, streamId: string, events: NewEvent[], expected: ExpectedState) {
  return tracer.startActiveSpan(
    'event-store append',
    { kind: SpanKind.CLIENT, attributes: { 'adminduk.stream.category': streamId.split('-')[0], 'adminduk.event.count': events.length } },
    async (span) => {
      try {
        return await store.appendToStream(streamId, events, expected);
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.name : 'error' });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}
