import type { EntityManager } from 'typeorm';
import { CalendarOutOfRangeError, fromWib, type WorkingCalendar } from '@adminduk/calendar';
import { applicationSla, type ApplicationState } from '@adminduk/domain';

export interface SlaDue {
  slaDueAt: Date | null;
  /** The due time counts a day of a year whose holiday list is not published: it may still move. */
  slaDueProvisional: boolean;
}

/**
 * The SLA due time as of `at` (an open pause moves it on, so it is re-evaluated per event), with the
 * calendar in force (published years, else the fixed-date holidays, provisional). Null before the
 * clock starts; null rather than a stuck projection if a strict calendar has no data for the year.
 */
export function slaDue(state: ApplicationState, at: Date, calendar: WorkingCalendar): SlaDue {
  try {
    const sla = applicationSla(state, at, calendar);
    return { slaDueAt: sla?.dueAt ?? null, slaDueProvisional: sla?.provisional ?? false };
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return { slaDueAt: null, slaDueProvisional: false };
    throw e;
  }
}

/**
 * After a year's holiday list is published or corrected: the due time of every application whose
 * counting may touch that year (due on or after its 1 January, submitted before the next) is
 * computed again from the projection's snapshot, as of the application's latest event. Closed files
 * keep the due time they closed with unless it was provisional. Returns how many rows changed.
 */
export async function recomputeSlaDueTimes(em: EntityManager, years: readonly number[], calendar: WorkingCalendar): Promise<number> {
  let changed = 0;
  for (const year of years) {
    const rows: {
      application_id: string;
      updated_at: Date;
      sla_due_at: Date | null;
      sla_due_provisional: boolean;
      state: ApplicationState;
    }[] = await em.query(
      `SELECT v.application_id, v.updated_at, v.sla_due_at, v.sla_due_provisional, s.state
           FROM application_view v JOIN application_view_snapshots s USING (application_id)
          WHERE v.sla_due_at >= $1 AND v.submitted_at < $2 AND (v.bucket <> 'closed' OR v.sla_due_provisional)`,
      [fromWib(year, 1, 1), fromWib(year + 1, 1, 1)],
    );
    const updates = rows
      .map((r) => ({ r, due: slaDue(r.state, new Date(r.updated_at), calendar) }))
      .filter(({ r, due }) => due.slaDueAt?.getTime() !== r.sla_due_at?.getTime() || due.slaDueProvisional !== r.sla_due_provisional)
      .map(({ r, due }) => ({ id: r.application_id, due: due.slaDueAt?.toISOString() ?? null, provisional: due.slaDueProvisional }));
    if (updates.length === 0) continue;
    await em.query(
      `UPDATE application_view v SET sla_due_at = x.due, sla_due_provisional = x.provisional
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, due timestamptz, provisional boolean)
        WHERE v.application_id = x.id`,
      [JSON.stringify(updates)],
    );
    changed += updates.length;
  }
  return changed;
}
