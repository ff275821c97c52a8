import type { DataSource } from 'typeorm';
import { comparePositions, type GlobalPosition, type RecordedEvent } from '@adminduk/event-store';
import { lockCurrentCheckpoints, moveCheckpoints } from './checkpoint-rows';
import {
  FoldSessions,
  foldStore,
  type CatchUpResult,
  type FoldOptions,
  type GlobalEventSource,
  type InTransaction,
  type Projection,
} from './fold-store';

export * from './fold-store';

/**
 * Applies an event and moves the checkpoint in one transaction. An event at or below the checkpoint
 * was applied before (a redelivery) and is skipped. Used where events arrive strictly in order (tests,
 * rebuild tools); the live consumer uses catchUpInTransaction, which does not depend on delivery order.
 */
export async function applyInTransaction(ds: DataSource, projection: Projection, event: RecordedEvent): Promise<'applied' | 'skipped'> {
  return ds.transaction(async (em) => {
    const checkpoint = (await lockCurrentCheckpoints(em, [projection])).get(projection.name)!;
    if (comparePositions(event.position, checkpoint) <= 0) return 'skipped';
    await projection.apply(event, em);
    await moveCheckpoints(em, [[projection.name, event.position]]);
    return 'applied';
  });
}

/**
 * Brings projections up to at least `upTo` (the newest position a batch of bus messages named),
 * reading the events themselves from the store in its global order, `maxPerTransaction` at a time.
 * Each slice is applied with the checkpoints in one transaction (decision 0006); every projection
 * keeps its own checkpoint and gets only the events after it, so one can be rebuilt from zero
 * while the others run. Several projections share one read of the store and one transaction.
 *
 * Why the store and not the message payloads: the bus only tells that there is something new. The
 * store's global order is the one order every replica agrees on, so the outcome does not depend on
 * how JetStream delivered (a batch, a redelivery after a crash, two replicas each holding part of
 * the unacked messages, a relay retry that published a later event first): an event at or below a
 * checkpoint was applied; everything after it is applied exactly once, in order, nothing skipped.
 *
 * Far behind (a rebuild after a version bump, a new replica, a restore), `growTo` lets the slices
 * grow and projections with a session (forRebuild) keep their fold in memory between them: the
 * same fold as the rebuild beside the live tables (foldStore), each slice still committed whole.
 */
export async function catchUpInTransaction(
  ds: DataSource,
  projection: Projection | Projection[],
  source: GlobalEventSource,
  /** A position to reach, or 'end': whatever the store has now (at start, after a rebuild's reset). */
  upTo: GlobalPosition | 'end',
  maxPerTransaction = 500,
  options: Omit<FoldOptions, 'slice'> = {},
): Promise<CatchUpResult> {
  const projections = Array.isArray(projection) ? projection : [projection];
  const inTransaction: InTransaction = (work) =>
    ds.transaction(async (em) => {
      // The commit does not wait for its WAL flush: the rows and the checkpoint commit together, so a
      // slice lost in a database crash is lost whole and the next batch (or the start-up catch-up)
      // re-applies it from the store, the only copy that must be durable. The store's appends (the
      // one flush a request waits for) then share the disk with fewer flushes.
      await em.query('SET LOCAL synchronous_commit = off');
      return work(em);
    });
  return foldStore(inTransaction, new FoldSessions(projections), source, upTo, { ...options, slice: maxPerTransaction });
}
