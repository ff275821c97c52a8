import { In, type EntityManager } from 'typeorm';
import type { ApplicationState } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { eventsByApplication, foldApplication } from '../application-fold';
import { upsertRowsOfTables } from '../bulk-upsert';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { ApplicationViewSnapshot } from './application-view-snapshot.entity';
import { ApplicationView } from './application-view.entity';
import { applicationViewRow } from './application-view.row';
import { holidayYearsIn } from '../holiday-calendar/holiday-calendar.projection';
import { workingCalendarOf } from '../holiday-calendar/holiday-calendar.queries';
import { recomputeSlaDueTimes } from './sla-due-times';

/** A rebuild session keeps at most this many folded applications in memory (a few KB each). */
const REBUILD_CACHE_LIMIT = 100_000;
/** Rows a rebuild session writes per statement. */
const FLUSH_ROWS = 2000;

/**
 * Keeps one ApplicationView row per application by folding its events with the domain's own
 * `evolve`, so the read side can never disagree with the rules about what a status means. The
 * folded state is kept in the projection's own snapshot table, tied to `version`.
 */
export class ApplicationViewProjection implements Projection {
  readonly name = 'application-view';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['application_view', 'application_view_snapshots'];
  /**
   * Bump when the fold or the row changes (a new column, a domain state that evolves differently):
   * at start the projection then clears its rows and snapshots and rebuilds them from the store.
   * 2: typed read shape and versioned snapshots instead of the domain state in the view.
   * 3: due times from the published holiday lists, sla_due_provisional.
   * 4: tracking_key for the public status lookup.
   */
  readonly version: number = 4;

  /**
   * Only in a rebuild session (forRebuild): the folded states of the applications seen so far, and
   * those not yet written. A rebuild from position 0 touches nearly every application in every batch
   * (files run in parallel, so the log interleaves them); reading and writing each one's snapshot per
   * batch made the rebuild ten times slower than folding. Safe only while no one else writes the
   * tables: foldStore keeps a session only while the checkpoint is where the session left it.
   */
  constructor(private readonly cache?: Map<string, { snapshot: ApplicationViewSnapshot; at: Date }>) {}
  private readonly unwritten = new Set<string>();

  /** A session for one catch-up (foldStore): folds in memory, writes on flush() at each slice's end. */
  forRebuild(): ApplicationViewProjection {
    return new ApplicationViewProjection(new Map());
  }

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  /** One SELECT of the snapshots the events touch, the folds in memory, one statement upserting both tables. */
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const byApplication = eventsByApplication(events);
    // Due times use the holiday lists in force (holiday_year_view, kept by the projection before this one).
    const holidayYears = holidayYearsIn(events);
    if (byApplication.size === 0 && holidayYears.length === 0) return;
    // A rebuild session writes what it folded first, so the recomputation sees every row.
    if (holidayYears.length > 0) await this.flush(em);
    const calendar = await workingCalendarOf(em);
    if (holidayYears.length > 0) await recomputeSlaDueTimes(em, holidayYears, calendar);
    if (byApplication.size === 0) return;
    if (this.cache) return this.foldInMemory(byApplication, em);
    const snapshots = await em.getRepository(ApplicationViewSnapshot).findBy({ applicationId: In([...byApplication.keys()]) });
    const existing = new Map(snapshots.map((s) => [s.applicationId, s]));
    const nextSnapshots: ApplicationViewSnapshot[] = [];
    const rows: ApplicationView[] = [];
    for (const [applicationId, list] of byApplication) {
      const folded = foldApplication(this.name, existing.get(applicationId), list);
      if (!folded) continue;
      nextSnapshots.push({ applicationId, revision: folded.revision, state: folded.state as unknown as Record<string, unknown> });
      const row = applicationViewRow(applicationId, folded.state, folded.revision, folded.at, calendar);
      if (row) rows.push(row);
    }
    // INSERT ... ON CONFLICT instead of save()'s extra SELECT per row (the snapshots were just
    // read), both tables in one statement: one round trip, as when the view held the state.
    await upsertRowsOfTables(em, [
      { entity: ApplicationViewSnapshot, rows: nextSnapshots },
      { entity: ApplicationView, rows },
    ]);
  }

  /** A rebuild session's fold: snapshots read only for applications not seen yet, nothing written. */
  private async foldInMemory(byApplication: Map<string, RecordedEvent[]>, em: EntityManager): Promise<void> {
    const cache = this.cache!;
    const unseen = [...byApplication.keys()].filter((id) => !cache.has(id));
    if (unseen.length > 0) {
      for (const s of await em.getRepository(ApplicationViewSnapshot).findBy({ applicationId: In(unseen) })) {
        cache.set(s.applicationId, { snapshot: s, at: new Date(0) });
      }
    }
    for (const [applicationId, list] of byApplication) {
      const folded = foldApplication(this.name, cache.get(applicationId)?.snapshot, list);
      if (!folded) continue;
      const snapshot = { applicationId, revision: folded.revision, state: folded.state as unknown as Record<string, unknown> };
      cache.set(applicationId, { snapshot, at: folded.at });
      this.unwritten.add(applicationId);
    }
    // Bounded memory: past this many applications, write them all and start over from the tables.
    if (cache.size > REBUILD_CACHE_LIMIT) {
      await this.flush(em);
      cache.clear();
    }
  }

  /** Writes what a rebuild session folded and has not written yet (nothing outside a session). */
  async flush(em: EntityManager): Promise<void> {
    if (!this.cache || this.unwritten.size === 0) return;
    const calendar = await workingCalendarOf(em);
    const ids = [...this.unwritten];
    // The next chunk's rows are mapped while PostgreSQL runs the previous chunk's statement (one
    // connection: the statements still run one after the other, in order).
    let running: Promise<void> | undefined;
    for (let i = 0; i < ids.length; i += FLUSH_ROWS) {
      const snapshots: ApplicationViewSnapshot[] = [];
      const rows: ApplicationView[] = [];
      for (const id of ids.slice(i, i + FLUSH_ROWS)) {
        const { snapshot, at } = this.cache.get(id)!;
        snapshots.push(snapshot);
        const row = applicationViewRow(id, snapshot.state as unknown as ApplicationState, snapshot.revision, at, calendar);
        if (row) rows.push(row);
      }
      await running;
      running = upsertRowsOfTables(em, [
        { entity: ApplicationViewSnapshot, rows: snapshots },
        { entity: ApplicationView, rows },
      ]);
      running.catch(() => undefined); // awaited on the next turn or below; a failure meanwhile is not unhandled
    }
    await running;
    this.unwritten.clear();
  }

  /** Rows and snapshots go together: a rebuild starts from nothing. */
  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE application_view, application_view_snapshots');
  }
}
