import type { EntityManager } from 'typeorm';
import { earliestPosition, positionFromString, positionToString, type GlobalPosition } from '@adminduk/event-store';

/** The checkpoint row's key and the version of the code that builds the rows behind it. */
export interface VersionedName {
  readonly name: string;
  readonly version: number;
}

/**
 * Locks (creating if missing, at -1/-1 and the projection's version) the checkpoints of projections,
 * so two replicas cannot apply the same events concurrently: the second waits, then sees the moved
 * ones. Returns each one's position and the version its rows were built with. Every batch of the
 * live consumer starts here: once the rows exist, a SELECT ... FOR UPDATE locks them without writing
 * a new version of each (the INSERT ... ON CONFLICT DO UPDATE that creates them does); both lock in
 * the projections' name order.
 */
export async function lockCheckpoints(
  em: EntityManager,
  projections: readonly VersionedName[],
): Promise<Map<string, { position: GlobalPosition; version: number }>> {
  const sorted = [...projections].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = sorted.map((p) => p.name);
  let rows: Array<{ projection: string; position: string; version: number }> = await em.query(
    `SELECT projection, position, version FROM projection_checkpoints WHERE projection = ANY($1::varchar[]) ORDER BY projection FOR UPDATE`,
    [names],
  );
  if (rows.length < new Set(names).size) {
    rows = await em.query(
      `INSERT INTO projection_checkpoints (projection, position, version, updated_at)
       SELECT p.name, '-1/-1', p.version, now() FROM unnest($1::varchar[], $2::int[]) AS p(name, version)
       ON CONFLICT (projection) DO UPDATE SET projection = EXCLUDED.projection
       RETURNING projection, position, version`,
      [names, sorted.map((p) => p.version)],
    );
  }
  return new Map(rows.map((r) => [r.projection, { position: positionFromString(r.position), version: r.version }]));
}

/** Locked checkpoints' positions, refusing any projection whose rows another version of the code built. */
export async function lockCurrentCheckpoints(
  em: EntityManager,
  projections: readonly VersionedName[],
): Promise<Map<string, GlobalPosition>> {
  const locked = await lockCheckpoints(em, projections);
  for (const p of projections) {
    const { version } = locked.get(p.name)!;
    // A replica still running the previous code during a rolling deploy (or one that has not
    // rebuilt yet) must not fold onto rows of another shape: its batch fails and comes back.
    if (version !== p.version) {
      throw new Error(`Projection ${p.name} is at version ${version} in the database, this code builds version ${p.version}`);
    }
  }
  return new Map([...locked].map(([name, c]) => [name, c.position]));
}

export async function moveCheckpoints(em: EntityManager, moves: Array<[string, GlobalPosition]>): Promise<void> {
  if (moves.length === 0) return;
  await em.query(
    `UPDATE projection_checkpoints c SET position = m.position, updated_at = now()
       FROM unnest($1::varchar[], $2::varchar[]) AS m(projection, position) WHERE c.projection = m.projection`,
    [moves.map(([n]) => n), moves.map(([, p]) => positionToString(p))],
  );
}

/**
 * The position every projection has reached (the slowest checkpoint), or null before any
 * checkpoint exists: for tools that measure how far the read models lag the store (the fault suite).
 */
export async function slowestCheckpoint(db: {
  query(sql: string): Promise<{ rows: Array<{ position: string }> }>;
}): Promise<GlobalPosition | null> {
  const { rows } = await db.query('SELECT position FROM projection_checkpoints');
  if (rows.length === 0) return null;
  return earliestPosition(rows.map((r) => positionFromString(r.position)));
}
