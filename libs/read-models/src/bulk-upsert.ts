import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface UpsertStatement {
  /** The INSERT ... ON CONFLICT, its rows read from the parameter `$<n>`. */
  sql(parameter: number): string;
  columns: Array<{ property: string; database: string }>;
}

const statements = new WeakMap<object, UpsertStatement>();

/**
 * INSERT ... ON CONFLICT DO UPDATE of many rows with ONE parameter: the rows as a JSON array,
 * unpacked by jsonb_to_recordset with the entity's column types. TypeORM's own upsert binds every
 * value of every row separately and spends more CPU building that statement than PostgreSQL spends
 * running it; the statement here is built once per entity from TypeORM's metadata, so the entity
 * stays the one definition of the table. Every column of the entity is written.
 */
export async function upsertRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  await upsertRowsOfTables(em, [{ entity, rows }]);
}

/** Rows of one entity, for upsertRowsOfTables. */
export interface TableRows<T extends ObjectLiteral = ObjectLiteral> {
  entity: EntityTarget<T>;
  rows: T[];
}

/**
 * upsertRows for several tables in ONE statement (one round trip): every upsert but the last
 * becomes a data-modifying CTE of the last one.
 */
export async function upsertRowsOfTables(em: EntityManager, tables: TableRows[]): Promise<void> {
  const parts = tables.filter((t) => t.rows.length > 0).map((t) => ({ statement: statementFor(em, t.entity), rows: t.rows }));
  if (parts.length === 0) return;
  const sql = parts.map((p, i) => p.statement.sql(i + 1));
  const last = sql.pop()!;
  const text = sql.length === 0 ? last : `WITH ${sql.map((s, i) => `u${i} AS (${s})`).join(', ')} ${last}`;
  // The rows as they are: the statement reads each column by its property name (a missing key is NULL).
  const payloads = parts.map(({ rows }) => JSON.stringify(rows));
  await em.query(text, payloads);
}

function statementFor(em: EntityManager, entity: EntityTarget<ObjectLiteral>): UpsertStatement {
  const metadata = em.connection.getMetadata(entity);
  const cached = statements.get(metadata.target as object);
  if (cached) return cached;
  const columns = metadata.columns.map((c) => ({
    property: c.propertyName,
    database: c.databaseName,
    type: `${c.type as string}${c.length ? `(${c.length})` : ''}${c.isArray ? '[]' : ''}`,
  }));
  const keys = metadata.primaryColumns.map((c) => `"${c.databaseName}"`);
  const names = columns.map((c) => `"${c.database}"`).join(', ');
  const updates = columns
    .filter((c) => !metadata.primaryColumns.some((p) => p.databaseName === c.database))
    .map((c) => `"${c.database}" = EXCLUDED."${c.database}"`);
  const table = `${metadata.schema ? `"${metadata.schema}".` : ''}"${metadata.tableName}"`;
  // The recordset's columns are named by property, so the rows are serialised as they are (no
  // per-row copy keyed by column name: in a rebuild that copy cost more than the statement).
  const record = columns.map((c) => `"${c.property}" ${c.type}`).join(', ');
  const properties = columns.map((c) => `x."${c.property}"`).join(', ');
  const statement: UpsertStatement = {
    columns,
    sql: (n) => `INSERT INTO ${table} (${names})
            SELECT ${properties} FROM jsonb_to_recordset($${n}::jsonb) AS x(${record})
            ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
  };
  statements.set(metadata.target as object, statement);
  return statement;
}
