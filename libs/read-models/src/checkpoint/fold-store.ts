import type { EntityManager } from 'typeorm';
import {
  comparePositions,
  earliestPosition,
  positionToString,
  type GlobalPosition,
  type ReadAllOptions,
  type RecordedEvent,
} from '@adminduk/event-store';
import { lockCurrentCheckpoints, moveCheckpoints } from './checkpoint-rows';

/** Where the fold reads the global order from: the event store. */
export interface GlobalEventSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
}

/**
 * What a projection may hand out for one catch-up (many transactions): it may keep its fold in
 * memory between slices and writes it on flush(), which runs at the end of every transaction,
 * before the checkpoint moves in that same transaction (decision 0006).
 */
export type FoldSession = Projection & { flush(em: EntityManager): Promise<void> };

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
  /**
   * Optional: a session for one catch-up (a rebuild from 0, a replica far behind): it may keep its
   * folded state in memory across the catch-up's transactions and write it on flush(). The fold
   * drops the session whenever the checkpoint was moved by someone else in between.
   */
  forRebuild?(): FoldSession;
}

/** A projection's events, through applyBatch when it has one. */
export async function applyEvents(projection: Projection, events: RecordedEvent[], em: EntityManager): Promise<void> {
  if (projection.applyBatch) return projection.applyBatch(events, em);
  for (const e of events) await projection.apply(e, em);
}

export interface CatchUpResult {
  /** Events read from the store and handed to the projections (each ignores the ones it does not show). */
  applied: number;
  /** The lowest checkpoint of the projections afterwards. */
  checkpoint: GlobalPosition;
}

/** Runs work in one transaction (a DataSource's, a shadow schema's, or one already open). */
export type InTransaction = <T>(work: (em: EntityManager) => Promise<T>) => Promise<T>;

export interface FoldOptions {
  /** Events the first transaction folds. */
  slice: number;
  /**
   * When a slice comes back full (far behind: a rebuild, a new replica, a restore), the next ones
   * fold up to this many events: fewer commits, so fewer snapshot and row writes (a slice writes
   * every application it touched; growing by steps wrote them all at each step, measured). A slice
   * is never longer than the store's backlog. Default: `slice` (every transaction the same size).
   */
  growTo?: number;
  /**
   * False only for tables thrown away on any failure (the shadow of rebuildAndCompare): the sessions
   * keep their fold in memory and the caller's last fold writes it. Default true (decision 0006).
   */
  flushSessions?: boolean;
  /** Called after every page folded (events so far, the position reached). */
  onPage?: (events: number, position: GlobalPosition) => void;
  /**
   * How many events the caller expects up to `upTo` (the live consumer: the messages of its batch).
   * The first read of the store asks for that many rather than a whole slice: the store usually
   * holds newer events than the batch names, and reading them only to drop them cost more than the
   * fold of a live batch. Later pages are read as usual if the events do not reach `upTo`.
   */
  expected?: number;
}

/** Events read from the store at once inside a transaction (the next page is read while one folds). */
export const READ_PAGE = 20_000;

/**
 * The largest slice of a rebuild or a far-behind catch-up: about ten seconds of work. Bigger slices
 * write each application's row and snapshot fewer times (in the bench's interleaved log: 100,000
 * gave 12,138 events/s, 250,000 gave 22,348, the target being 20,000), but a crash loses at most
 * one slice of work. (A slice's transaction no longer holds back the store's readers: they wait
 * only for transactions that append to the store, decision 0028.)
 */
export const REBUILD_SLICE = 250_000;

/**
 * The projections of one catch-up with their sessions, kept between transactions while each
 * checkpoint is where this catch-up left it (nobody else applied events in between).
 */
export class FoldSessions {
  private readonly sessions = new Map<string, Projection>();
  private readonly committed = new Map<string, string>();

  constructor(readonly projections: readonly Projection[]) {}

  /** The projection (or its session) to fold into, given the checkpoint just locked. */
  folder(p: Projection, checkpoint: GlobalPosition): Projection {
    const mine = this.committed.get(p.name);
    let folder = this.sessions.get(p.name);
    if (!folder || (mine !== undefined && mine !== positionToString(checkpoint))) {
      folder = p.forRebuild?.() ?? p;
      this.sessions.set(p.name, folder);
    }
    return folder;
  }

  /** After a commit: the checkpoints this catch-up moved (its sessions match them). */
  commit(moves: ReadonlyArray<[string, GlobalPosition]>): void {
    for (const [name, position] of moves) this.committed.set(name, positionToString(position));
  }

  /** A transaction failed: what the sessions hold in memory may not be in the tables. */
  drop(): void {
    this.sessions.clear();
    this.committed.clear();
  }
}

/**
 * THE fold of the store into projections (the live catch-up, the in-place rebuild, the rebuild
 * beside the live tables): slices of the global order after the lowest checkpoint, each in ONE
 * transaction with the checkpoints locked and moved and every session flushed, so a crash loses a
 * whole slice and the next catch-up folds it again (decision 0006). Never past `upTo`.
 */
export async function foldStore(
  transaction: InTransaction,
  sessions: FoldSessions,
  source: GlobalEventSource,
  /** A position to reach, or 'end': whatever the store has now. */
  upTo: GlobalPosition | 'end',
  options: FoldOptions,
): Promise<CatchUpResult> {
  const { projections } = sessions;
  const growTo = Math.max(options.slice, options.growTo ?? options.slice);
  let slice = options.slice;
  let applied = 0;
  for (;;) {
    const moves: Array<[string, GlobalPosition]> = [];
    const step = await transaction(async (em) => {
      const checkpoints = await lockCurrentCheckpoints(em, projections);
      const folders = new Map(projections.map((p) => [p.name, sessions.folder(p, checkpoints.get(p.name)!)]));
      const from = earliestPosition([...checkpoints.values()]);
      const reached = upTo !== 'end' && comparePositions(from, upTo) >= 0;
      const folded = reached
        ? { position: from, count: 0, more: false }
        : await foldSlice(source, projections, checkpoints, folders, em, from, upTo, slice, options.expected, (count, position) => {
            applied += count;
            options.onPage?.(applied, position);
          });
      if (folded.count === 0 && !reached && upTo !== 'end') {
        // The bus named an event the store does not show yet (a lagging replica of the store):
        // fail the batch so the messages come back later, rather than acking what was not applied.
        throw new Error(
          `${projections.map((p) => p.name).join(', ')}: the event store has nothing after ${positionToString(from)} yet, the bus named ${positionToString(upTo as GlobalPosition)}`,
        );
      }
      // Every session writes what it holds, also when this transaction folded nothing new (the
      // shadow's final fold writes what the earlier, unflushed slices folded).
      if (options.flushSessions !== false) {
        for (const folder of folders.values()) if ('flush' in folder) await (folder as FoldSession).flush(em);
      }
      for (const p of projections) {
        if (folded.count > 0 && comparePositions(checkpoints.get(p.name)!, folded.position) < 0) moves.push([p.name, folded.position]);
      }
      await moveCheckpoints(em, moves);
      const done =
        folded.count === 0 || (upTo === 'end' ? !folded.more && folded.count < slice : comparePositions(folded.position, upTo) >= 0);
      return { done, checkpoint: folded.position, full: folded.count >= slice };
    }).catch((e: unknown) => {
      sessions.drop();
      throw e;
    });
    sessions.commit(moves);
    if (step.done) return { applied, checkpoint: step.checkpoint };
    if (step.full) slice = growTo;
  }
}

/**
 * One slice: up to `slice` events after `from`, read page by page (the next page is read while one
 * folds; the first holds `expected` events when the caller knows), each projection given those after
 * its own checkpoint.
 */
async function foldSlice(
  source: GlobalEventSource,
  projections: readonly Projection[],
  checkpoints: ReadonlyMap<string, GlobalPosition>,
  folders: ReadonlyMap<string, Projection>,
  em: EntityManager,
  from: GlobalPosition,
  upTo: GlobalPosition | 'end',
  slice: number,
  expected: number | undefined,
  onPage: (count: number, position: GlobalPosition) => void,
): Promise<{ position: GlobalPosition; count: number; more: boolean }> {
  let position = from;
  let count = 0;
  let more = true;
  let next = readPage(source, position, upTo, Math.min(slice, READ_PAGE, upTo === 'end' ? Infinity : Math.max(1, expected ?? Infinity)));
  while (more) {
    const page = await next;
    if (page.events.length === 0) {
      more = false;
      break;
    }
    position = page.events[page.events.length - 1].position;
    count += page.events.length;
    more = page.more && count < slice;
    if (more) {
      next = readPage(source, position, upTo, Math.min(slice - count, READ_PAGE));
      next.catch(() => undefined); // awaited on the next turn; a failure while this page folds is not unhandled
    }
    for (const p of projections) {
      const after = checkpoints.get(p.name)!;
      if (comparePositions(after, position) >= 0) continue;
      const mine =
        comparePositions(after, page.events[0].position) < 0
          ? page.events
          : page.events.filter((e) => comparePositions(e.position, after) > 0);
      await applyEvents(folders.get(p.name)!, mine, em);
    }
    onPage(page.events.length, position);
  }
  return { position, count, more };
}

/** The events after `after`, at most `max`, none past `upTo`; `more` when the store may have further ones. */
async function readPage(
  source: GlobalEventSource,
  after: GlobalPosition,
  upTo: GlobalPosition | 'end',
  max: number,
): Promise<{ events: RecordedEvent[]; more: boolean }> {
  if (upTo !== 'end' && comparePositions(after, upTo) >= 0) return { events: [], more: false };
  const read = await source.readAll({ after, maxCount: max });
  const events = upTo === 'end' ? read : read.filter((e) => comparePositions(e.position, upTo) <= 0);
  return { events, more: read.length === max && events.length === read.length };
}
