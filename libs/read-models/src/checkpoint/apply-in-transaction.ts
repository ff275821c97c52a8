import type { DataSource, EntityManager } from 'typeorm';
import {
  comparePositions,
  earliestPosition,
  positionToString,
  type GlobalPosition,
  type ReadAllOptions,
  type RecordedEvent,
} from '@adminduk/event-store';
import { lockCurrentCheckpoints, moveCheckpoints } from './checkpoint-rows';

export interface Projection {
  /** Stable name; also the checkpoint's key. */
  readonly name: string;
  /**
   * The version of what this code writes (rows, snapshots), kept with the checkpoint. When it
   * differs from the stored one, rebuildChangedProjections clears the rows (reset) and the
   * projection catches up from the start of the store; until then nothing is applied.
   */
  readonly version: number;
  /** Deletes every row of this projection (in the rebuild's transaction). */
  reset(em: EntityManager): Promise<void>;
  /** Applies one event; called inside the transaction that also moves the checkpoint. */
  apply(event: RecordedEvent, em: EntityManager): Promise<void>;
  /**
   * Optional: applies several events, in global order, with the same outcome as apply() one by one
   * but in fewer round trips (one read of the rows they touch, one write). Same transaction rules.
   */
  applyBatch?(events: RecordedEvent[], em: EntityManager): Promise<void>;
}

/** Where catchUpInTransaction reads the global order from: the event store. */
export interface GlobalEventSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
}

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

export interface CatchUpResult {
  /** Events read from the store and handed to the projections (each ignores the ones it does not show). */
  applied: number;
  /** The lowest checkpoint of the projections afterwards. */
  checkpoint: GlobalPosition;
}

/** A projection's events, through applyBatch when it has one. */
export async function applyEvents(projection: Projection, events: RecordedEvent[], em: EntityManager): Promise<void> {
  if (projection.applyBatch) return projection.applyBatch(events, em);
  for (const e of events) await projection.apply(e, em);
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
 */
export async function catchUpInTransaction(
  ds: DataSource,
  projection: Projection | Projection[],
  source: GlobalEventSource,
  /** A position to reach, or 'end': whatever the store has now (at start, after a rebuild's reset). */
  upTo: GlobalPosition | 'end',
  maxPerTransaction = 500,
): Promise<CatchUpResult> {
  const projections = Array.isArray(projection) ? projection : [projection];
  const names = projections.map((p) => p.name);
  let applied = 0;
  for (;;) {
    const step = await ds.transaction(async (em) => {
      // The commit does not wait for its WAL flush: the rows and the checkpoint commit together, so a
      // slice lost in a database crash is lost whole and the next batch (or the start-up catch-up)
      // re-applies it from the store, the only copy that must be durable. The store's appends (the
      // one flush a request waits for) then share the disk with fewer flushes.
      await em.query('SET LOCAL synchronous_commit = off');
      const checkpoints = await lockCurrentCheckpoints(em, projections);
      const from = earliestPosition([...checkpoints.values()]);
      if (upTo !== 'end' && comparePositions(from, upTo) >= 0) return { done: true, checkpoint: from, count: 0 };
      const events = await source.readAll({ after: from, maxCount: maxPerTransaction });
      if (events.length === 0 && upTo === 'end') return { done: true, checkpoint: from, count: 0 };
      if (events.length === 0) {
        // The bus named an event the store does not show yet (a lagging replica of the store):
        // fail the batch so the messages come back later, rather than acking what was not applied.
        throw new Error(
          `${names.join(', ')}: the event store has nothing after ${positionToString(from)} yet, the bus named ${positionToString(upTo as GlobalPosition)}`,
        );
      }
      const last = events[events.length - 1].position;
      const moves: Array<[string, GlobalPosition]> = [];
      for (const p of projections) {
        const after = checkpoints.get(p.name)!;
        const mine = comparePositions(after, from) === 0 ? events : events.filter((e) => comparePositions(e.position, after) > 0);
        if (mine.length === 0) continue;
        await applyEvents(p, mine, em);
        moves.push([p.name, last]);
        checkpoints.set(p.name, last);
      }
      await moveCheckpoints(em, moves);
      const lowestAfter = earliestPosition([...checkpoints.values()]);
      const done = upTo === 'end' ? events.length < maxPerTransaction : comparePositions(lowestAfter, upTo) >= 0;
      return { done, checkpoint: lowestAfter, count: events.length };
    });
    applied += step.count;
    if (step.done) return { applied, checkpoint: step.checkpoint };
  }
}
