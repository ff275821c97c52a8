import type { DataSource, EntityManager } from 'typeorm';
import { positionFromString, positionToString, START, type GlobalPosition } from '@adminduk/event-store';
import { lockCheckpoints } from '../checkpoint/checkpoint-rows';
import { FoldSessions, foldStore, type GlobalEventSource, type InTransaction, type Projection } from '../checkpoint/fold-store';

/**
 * Rebuild beside the live tables, compare, and swap on request (decision 0023; the in-place rebuild
 * of decision 0014 leaves the view partial until it has caught up, this one never does).
 *
 * 1. A shadow schema gets an empty copy of each of the projection's tables (`CREATE TABLE ... (LIKE
 *    ... INCLUDING ALL)`) and of projection_checkpoints.
 * 2. The projection's own code folds the store from position 0 into it: each batch runs with
 *    `search_path` = shadow, live, so its unqualified SQL writes the shadow tables (and reads the
 *    live ones it does not own, e.g. the holiday lists). Up to the live checkpoint seen at the start,
 *    through foldStore: the same fold (and the projection's session) as the live catch-up and the
 *    in-place rebuild, in short slices; the rows are written once, at the end.
 * 3. One transaction locks the live checkpoint (the projections service waits), brings the shadow to
 *    exactly that position, and compares every table row by row on its primary key: missing rows
 *    (the rebuild has them, the live table not), extra rows (the reverse), differing rows (with the
 *    columns). With `swap`, the same transaction replaces the live rows with the rebuilt ones and
 *    sets the live checkpoint to the compared position: readers see the old view or the new, never
 *    a partial one.
 */
export interface RebuildableProjection extends Projection {
  /** The tables the projection writes, all of them (its rows and its own fold's state). */
  readonly tables: readonly string[];
}

export const isRebuildable = (p: Projection): p is RebuildableProjection =>
  Array.isArray((p as Partial<RebuildableProjection>).tables) && (p as RebuildableProjection).tables.length > 0;

export interface RebuildProgress {
  /** Events read from the store so far (each projection ignores those it does not show). */
  events: number;
  position: GlobalPosition;
  /** The position the rebuild runs to (the live checkpoint at the start). */
  target: GlobalPosition;
}

export interface RowDifference {
  table: string;
  /** missing: only in the rebuild; extra: only in the live table; differs: in both, other values. */
  kind: 'missing' | 'extra' | 'differs';
  key: Record<string, unknown>;
  /** The columns whose values differ (all of them for missing and extra rows). */
  columns: string[];
  live?: Record<string, unknown>;
  rebuilt?: Record<string, unknown>;
}

export interface RebuildReport {
  projection: string;
  /** The position both were compared at ("commit/prepare"). */
  position: string;
  events: number;
  tables: Array<{ table: string; liveRows: number; rebuiltRows: number; differences: number }>;
  /** The first differences found (at most `maxDifferences` per table). */
  differences: RowDifference[];
  swapped: boolean;
}

export interface RebuildOptions {
  swap?: boolean;
  batchSize?: number;
  maxDifferences?: number;
  onProgress?: (p: RebuildProgress) => void;
  /** Keep the shadow schema afterwards (to inspect it); dropped by default. */
  keepShadow?: boolean;
}

export async function rebuildAndCompare(
  ds: DataSource,
  source: GlobalEventSource,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  if (!isRebuildable(projection))
    throw new Error(`Projection ${projection.name} does not declare its tables; it cannot be rebuilt beside the live ones`);
  // The shadow's rows are written once at the end, so a slice costs no writes: short transactions,
  // which hold back the store's readAll horizon for live readers only briefly (see REBUILD_SLICE).
  const slice = options.batchSize ?? 20_000;
  const live: string = (await ds.query('SELECT current_schema() AS s'))[0].s;
  const shadow = shadowSchemaName(live, projection.name);
  await createShadow(ds, live, shadow, projection);
  // One catch-up's sessions across both phases: the projection may keep its fold in memory.
  const sessions = new FoldSessions([projection]);
  try {
    const target = await liveCheckpoint(ds, live, projection.name, false);
    options.onProgress?.({ events: 0, position: START, target });
    // The same fold as the live catch-up and the in-place rebuild, into the shadow tables.
    const first = await foldStore((work) => inShadow(ds, live, shadow, work), sessions, source, target, {
      slice,
      growTo: slice,
      // The shadow is dropped on any failure: its rows are written once, by the final fold below.
      flushSessions: false,
      onPage: (events, position) => options.onProgress?.({ events, position, target }),
    });
    return await inShadow(ds, live, shadow, async (em) => {
      // The live projection waits on this lock until the comparison (and the swap) are committed.
      const at = await liveCheckpoint(em, live, projection.name, true);
      const inThis: InTransaction = (work) => work(em);
      const rest = await foldStore(inThis, sessions, source, at, { slice });
      const events = first.applied + rest.applied;
      options.onProgress?.({ events, position: at, target: at });
      const tables: RebuildReport['tables'] = [];
      const differences: RowDifference[] = [];
      for (const table of projection.tables) {
        const found = await compareTable(em, live, shadow, table, options.maxDifferences ?? 100);
        tables.push({ table, liveRows: found.liveRows, rebuiltRows: found.rebuiltRows, differences: found.total });
        differences.push(...found.differences);
      }
      if (options.swap) await swapIn(em, live, shadow, projection, at);
      return { projection: projection.name, position: positionToString(at), events, tables, differences, swapped: !!options.swap };
    });
  } finally {
    if (!options.keepShadow) await ds.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
  }
}

/** The shadow schema's name: beside the live schema, one per projection (PostgreSQL names stop at 63 bytes). */
export function shadowSchemaName(live: string, projection: string): string {
  return `${live}_rebuild_${projection.replace(/[^a-z0-9]/gi, '_')}`.toLowerCase().slice(0, 63);
}

async function createShadow(ds: DataSource, live: string, shadow: string, projection: RebuildableProjection): Promise<void> {
  await ds.transaction(async (em) => {
    await em.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
    await em.query(`CREATE SCHEMA ${ident(shadow)}`);
    for (const table of [...projection.tables, 'projection_checkpoints']) {
      await em.query(`CREATE TABLE ${ident(shadow)}.${ident(table)} (LIKE ${ident(live)}.${ident(table)} INCLUDING ALL)`);
    }
    await em.query(`SET LOCAL search_path TO ${ident(shadow)}, ${ident(live)}`);
    await lockCheckpoints(em, [projection]);
  });
}

/** A transaction whose unqualified names resolve to the shadow tables first. */
function inShadow<T>(ds: DataSource, live: string, shadow: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(async (em) => {
    await em.query(`SET LOCAL search_path TO ${ident(shadow)}, ${ident(live)}`);
    // The shadow is thrown away on any failure: its commits need not wait for the WAL flush.
    await em.query('SET LOCAL synchronous_commit = off');
    return work(em);
  });
}

async function liveCheckpoint(db: Pick<EntityManager, 'query'>, live: string, name: string, lock: boolean): Promise<GlobalPosition> {
  const rows: Array<{ position: string }> = await db.query(
    `SELECT position FROM ${ident(live)}.projection_checkpoints WHERE projection = $1${lock ? ' FOR UPDATE' : ''}`,
    [name],
  );
  return rows.length ? positionFromString(rows[0].position) : START;
}

async function compareTable(em: EntityManager, live: string, shadow: string, table: string, max: number) {
  const keys: string[] = (
    await em.query(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [`${ident(live)}.${ident(table)}`],
    )
  ).map((r: { name: string }) => r.name);
  if (keys.length === 0) throw new Error(`Table ${table} has no primary key to compare its rows by`);
  const on = keys.map((k) => `l.${ident(k)} = s.${ident(k)}`).join(' AND ');
  const [counts] = await em.query(
    `SELECT (SELECT count(*) FROM ${ident(live)}.${ident(table)})::int AS live,
            (SELECT count(*) FROM ${ident(shadow)}.${ident(table)})::int AS rebuilt,
            (SELECT count(*) FROM ${ident(live)}.${ident(table)} l FULL JOIN ${ident(shadow)}.${ident(table)} s ON ${on}
              WHERE to_jsonb(l) IS DISTINCT FROM to_jsonb(s))::int AS differing`,
  );
  const rows: Array<{ live: Record<string, unknown> | null; rebuilt: Record<string, unknown> | null }> = await em.query(
    `SELECT to_jsonb(l) AS live, to_jsonb(s) AS rebuilt
       FROM ${ident(live)}.${ident(table)} l FULL JOIN ${ident(shadow)}.${ident(table)} s ON ${on}
      WHERE to_jsonb(l) IS DISTINCT FROM to_jsonb(s)
      ORDER BY ${keys.map((k) => `coalesce(l.${ident(k)}, s.${ident(k)})`).join(', ')} LIMIT $1`,
    [max],
  );
  const differences = rows.map((r): RowDifference => {
    const row = (r.rebuilt ?? r.live)!;
    const key = Object.fromEntries(keys.map((k) => [k, row[k]]));
    if (!r.live) return { table, kind: 'missing', key, columns: Object.keys(r.rebuilt!), rebuilt: r.rebuilt! };
    if (!r.rebuilt) return { table, kind: 'extra', key, columns: Object.keys(r.live), live: r.live };
    const columns = Object.keys(r.rebuilt).filter((c) => JSON.stringify(r.live![c]) !== JSON.stringify(r.rebuilt![c]));
    return { table, kind: 'differs', key, columns, live: pick(r.live, columns), rebuilt: pick(r.rebuilt, columns) };
  });
  return { liveRows: counts.live as number, rebuiltRows: counts.rebuilt as number, total: counts.differing as number, differences };
}

/** The rebuilt rows become the live ones and the live checkpoint the compared position, in the caller's transaction. */
async function swapIn(
  em: EntityManager,
  live: string,
  shadow: string,
  projection: RebuildableProjection,
  at: GlobalPosition,
): Promise<void> {
  await em.query(`TRUNCATE ${projection.tables.map((t) => `${ident(live)}.${ident(t)}`).join(', ')}`);
  for (const t of projection.tables) await em.query(`INSERT INTO ${ident(live)}.${ident(t)} SELECT * FROM ${ident(shadow)}.${ident(t)}`);
  await em.query(
    `INSERT INTO ${ident(live)}.projection_checkpoints (projection, position, version, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version, updated_at = now()`,
    [projection.name, positionToString(at), projection.version],
  );
}

const pick = (row: Record<string, unknown>, columns: string[]) => Object.fromEntries(columns.map((c) => [c, row[c]]));
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
