import { In, type EntityManager } from 'typeorm';
import { applicationIdOfStream, evolve, initialState, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import { upsertRowsOfTables } from '../bulk-upsert';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { ApplicationViewSnapshot } from './application-view-snapshot.entity';
import { ApplicationView } from './application-view.entity';
import { applicationViewRow } from './application-view.row';
import { holidayYearsIn } from '../holiday-calendar/holiday-calendar.projection';
import { workingCalendarOf } from '../holiday-calendar/holiday-calendar.queries';
import { recomputeSlaDueTimes } from './sla-due-times';

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

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  /** One SELECT of the snapshots the events touch, the folds in memory, one statement upserting both tables. */
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const byApplication = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      if (streamCategory(e.streamId) !== 'application') continue;
      const id = applicationIdOfStream(e.streamId);
      const list = byApplication.get(id);
      if (list) list.push(e);
      else byApplication.set(id, [e]);
    }
    // Due times use the holiday lists in force (holiday_year_view, kept by the projection before this one).
    const holidayYears = holidayYearsIn(events);
    if (byApplication.size === 0 && holidayYears.length === 0) return;
    const calendar = await workingCalendarOf(em);
    if (holidayYears.length > 0) await recomputeSlaDueTimes(em, holidayYears, calendar);
    if (byApplication.size === 0) return;
    const snapshots = await em.getRepository(ApplicationViewSnapshot).findBy({ applicationId: In([...byApplication.keys()]) });
    const existing = new Map(snapshots.map((s) => [s.applicationId, s]));
    const nextSnapshots: ApplicationViewSnapshot[] = [];
    const rows: ApplicationView[] = [];
    for (const [applicationId, list] of byApplication) {
      const folded = this.fold(existing.get(applicationId), list);
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

  /** Rows and snapshots go together: a rebuild starts from nothing. */
  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE application_view, application_view_snapshots');
  }

  /** The state after these events of one application (in stream order), or null when nothing is new. */
  private fold(
    snapshot: ApplicationViewSnapshot | undefined,
    events: RecordedEvent[],
  ): { state: ApplicationState; revision: number; at: Date } | null {
    let revision = snapshot?.revision ?? -1;
    // Over initialState(): every key present again (JSON drops undefined ones), one object shape for V8.
    let state: ApplicationState = { ...initialState(), ...(snapshot?.state as Partial<ApplicationState> | undefined) };
    let latest: RecordedEvent | undefined;
    for (const event of events) {
      // A redelivered event is already in the snapshot. The events come from the store in its
      // global order after the checkpoint, so a stream never skips a revision; if one did, folding
      // on would show a wrong state: stop (the batch fails and comes back) instead.
      if (event.revision <= revision) continue;
      if (event.revision > revision + 1) {
        throw new Error(`${this.name}: ${event.streamId} jumps from revision ${revision} to ${event.revision}; rebuild the projection`);
      }
      state = evolve(state, toDomainEvent<ApplicationEvent>(event));
      revision = event.revision;
      latest = event;
    }
    return latest ? { state, revision, at: new Date(latest.metadata.occurredAt) } : null;
  }
}
