import type { ClientBase } from 'pg';
import { START, positionFromString, positionToString, type GlobalPosition } from '@adminduk/event-store';

/**
 * The relay's position in the store, in the search_path's schema. Written on the connection that
 * holds the leader lock, so a relay that lost the lock (its session died) cannot move it. The
 * table is created by the migration runner (libs/migrations).
 */
export class RelayCheckpointStore {
  constructor(private readonly name: string) {}

  async load(db: ClientBase): Promise<GlobalPosition> {
    const { rows } = await db.query<{ position: string }>('SELECT position FROM relay_checkpoint WHERE name = $1', [this.name]);
    return rows[0] ? positionFromString(rows[0].position) : START;
  }

  async save(db: ClientBase, position: GlobalPosition): Promise<void> {
    await db.query(
      `INSERT INTO relay_checkpoint (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [this.name, positionToString(position)],
    );
  }
}
