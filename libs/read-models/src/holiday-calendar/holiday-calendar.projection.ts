import type { EntityManager } from 'typeorm';
import { holidayYearOfStream, type HolidayCalendarEvent } from '@adminduk/domain';
import { toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import { upsertRows } from '../bulk-upsert';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { HolidayYearView } from './holiday-year-view.entity';
import { forgetWorkingCalendar } from './holiday-calendar.queries';

/**
 * Keeps holiday_year_view: the list in force for each published year. Listed before the
 * application view (allProjections), so that in one batch the view recomputes its due times
 * with the list this batch published.
 */
export class HolidayCalendarProjection implements Projection {
  readonly name = 'holiday-calendar';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['holiday_year_view'];
  readonly version = 1;

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const rows = new Map<number, HolidayYearView>();
    for (const e of events) {
      const year = holidayYearOfStream(e.streamId);
      if (year === undefined) continue;
      const event = toDomainEvent<HolidayCalendarEvent>(e);
      if (event.type !== 'HolidayYearPublished' && event.type !== 'HolidayYearCorrected') continue;
      const before = rows.get(year) ?? (await em.getRepository(HolidayYearView).findOneBy({ year })) ?? undefined;
      if (before && e.revision <= before.lastRevision) continue; // applied before
      rows.set(year, {
        year,
        days: event.data.days,
        decreeNumber: event.data.decree.number,
        decreeDate: event.data.decree.date,
        corrections: event.type === 'HolidayYearCorrected' ? (before?.corrections ?? 0) + 1 : 0,
        lastRevision: e.revision,
        updatedAt: new Date(e.metadata.occurredAt),
      });
    }
    if (rows.size === 0) return;
    await upsertRows(em, HolidayYearView, [...rows.values()]);
    forgetWorkingCalendar(em);
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE holiday_year_view');
    forgetWorkingCalendar(em);
  }
}

/** The years a batch published or corrected (the application view recomputes their due times). */
export function holidayYearsIn(events: readonly RecordedEvent[]): number[] {
  const years = new Set<number>();
  for (const e of events) {
    const year = holidayYearOfStream(e.streamId);
    if (year !== undefined) years.add(year);
  }
  return [...years];
}
