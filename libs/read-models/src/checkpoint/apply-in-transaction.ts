import type { DataSource, EntityManager } from 'typeorm';
import { comparePositions, positionFromString, positionToString, type RecordedEvent } from '@adminduk/event-store';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';

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
    const repo = em.getRepository(ProjectionCheckpoint);
    // Lock the checkpoint row so two replicas cannot apply the same event concurrently.
    await em.query(
      `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, '-1/-1', now()) ON CONFLICT (projection) DO NOTHING`,
      [projection.name],
    );
    const cp = await repo.createQueryBuilder('c').setLock('pessimistic_write').where('c.projection = :p', { p: projection.name }).getOneOrFail();
    if (comparePositions(event.position, positionFromString(cp.position)) <= 0) return 'skipped';
    await projection.apply(event, em);
    await repo.update({ projection: projection.name }, { position: positionToString(event.position), updatedAt: new Date() });
    return 'applied';
  });
}
