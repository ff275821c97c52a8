import type { DataSource } from 'typeorm';
import type { Projection } from './apply-in-transaction';
import { lockCheckpoints } from './checkpoint-rows';

/**
 * At start, before any event is applied: every projection whose stored version differs from its
 * code's clears its rows (reset) and its checkpoint goes back to the start of the store, in one
 * transaction with the checkpoints locked, so a second replica starting at the same time waits and
 * then finds nothing to do. The others are not touched. The caller then catches up from the store
 * (catchUpInTransaction 'end'), which refills the cleared ones. Returns the names rebuilt.
 */
export async function rebuildChangedProjections(ds: DataSource, projections: readonly Projection[]): Promise<string[]> {
  return ds.transaction(async (em) => {
    const checkpoints = await lockCheckpoints(em, projections);
    const changed = projections.filter((p) => checkpoints.get(p.name)!.version !== p.version);
    for (const p of changed) {
      await p.reset(em);
      await em.query(`UPDATE projection_checkpoints SET position = '-1/-1', version = $2, updated_at = now() WHERE projection = $1`, [
        p.name,
        p.version,
      ]);
    }
    return changed.map((p) => p.name);
  });
}
