import type { DataSource, EntityManager } from 'typeorm';
import { comparePositions, positionFromString, positionToString, type RecordedEvent } from '@adminduk/event-store';

export interface Projection {
  /** Stable name; also the checkpoint's key. */
  readonly name: string;
  /** Applies one event; called inside the transaction that also moves the checkpoint. */
  apply(event: RecordedEvent, em: EntityManager): Promise<void>;
}

/**
 * Applies an event and moves the checkpoint in one transaction. An event at or below the checkpoint
 * was applied before (a redelivery) and is skipped, so at-least-once delivery becomes exactly-once.
 */
export async function applyInTransaction(ds: DataSource, projection: Projection, event: RecordedEvent): Promise<'applied' | 'skipped'> {
  return ds.transaction(async (em) => {
    // One statement creates the row if missing, locks it (so two replicas cannot apply the same
    // event concurrently) and returns the checkpoint.
    const rows: Array<{ position: string }> = await em.query(
      `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, '-1/-1', now())
       ON CONFLICT (projection) DO UPDATE SET projection = EXCLUDED.projection
       RETURNING position`,
      [projection.name],
    );
    if (comparePositions(event.position, positionFromString(rows[0].position)) <= 0) return 'skipped';
    await projection.apply(event, em);
    await em.query(`UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE projection = $1`, [projection.name, positionToString(event.position)]);
    return 'applied';
  });
}
