import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface UpsertStatement {
  sql: string;
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
  if (rows.length === 0) return;
  const metadata = em.connection.getMetadata(entity);
  let statement = statements.get(metadata.target as object);
  if (!statement) {
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
    statement = {
      columns,
      sql: `INSERT INTO ${metadata.schema ? `"${metadata.schema}".` : ''}"${metadata.tableName}" (${names})
            SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `"${c.database}" ${c.type}`).join(', ')})
            ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    };
    statements.set(metadata.target as object, statement);
  }
  const payload = rows.map((r) => Object.fromEntries(statement!.columns.map((c) => [c.database, r[c.property] ?? null])));
  await em.query(statement.sql, [JSON.stringify(payload)]);
}
