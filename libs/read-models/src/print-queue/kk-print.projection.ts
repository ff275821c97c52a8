import type { EntityManager } from 'typeorm';
import { applicationIdOfStream, upcastApplicationEvent, type ApplicationEvent } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import type { Projection } from '../checkpoint/apply-in-transaction';

/**
 * Counts prints and reprints per application (kk_print_view). Increments are safe: the checkpoint
 * moves in the same transaction, so an event is applied once. Print events are rare (one or two per
 * application), so each is one statement.
 */
export class KkPrintProjection implements Projection {
  readonly name = 'kk-print';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['kk_print_view'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (streamCategory(recorded.streamId) !== 'application') continue;
      if (recorded.type !== 'KkPrinted' && recorded.type !== 'KkReprinted') continue;
      const event = upcastApplicationEvent(toDomainEvent<ApplicationEvent>(recorded));
      const applicationId = applicationIdOfStream(recorded.streamId);
      if (event.type === 'KkPrinted') {
        const d = event.data;
        await em.query(
          `INSERT INTO kk_print_view (application_id, prints, first_printed_at, last_printed_at, last_printed_by, last_workstation)
           VALUES ($1, 1, $2, $2, $3, $4)
           ON CONFLICT (application_id) DO UPDATE SET prints = kk_print_view.prints + 1, last_printed_at = $2,
             last_printed_by = $3, last_workstation = $4`,
          [applicationId, d.at, d.printedBy.userId, d.workstation],
        );
      } else if (event.type === 'KkReprinted') {
        const d = event.data;
        await em.query(
          `INSERT INTO kk_print_view AS v (application_id, reprints, reprint_reasons, first_printed_at, last_printed_at, last_printed_by, last_workstation)
           VALUES ($1, 1, jsonb_build_object($5::text, 1), $2, $2, $3, $4)
           ON CONFLICT (application_id) DO UPDATE SET reprints = v.reprints + 1, last_printed_at = $2, last_printed_by = $3,
             last_workstation = $4,
             reprint_reasons = v.reprint_reasons || jsonb_build_object($5::text, COALESCE((v.reprint_reasons->>$5::text)::int, 0) + 1)`,
          [applicationId, d.at, d.reprintedBy.userId, d.workstation, d.reasonCode],
        );
      }
    }
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE kk_print_view');
  }
}
