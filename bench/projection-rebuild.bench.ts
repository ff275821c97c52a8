/**
 * Projection rebuild benchmark (issue 14): the application view rebuilt from position 0, >= 20,000
 * events/s.
 *
 * 1. Generate: APPLICATIONS online files of the domain's own events (submission, scans, decisions,
 *    verification, NIK, signing: 18 events each), interleaved in the global order as a busy regency's
 *    log is, chained by the store's own hash functions and bulk-inserted into a migrated schema.
 * 2. The ceiling: the same events read from the store page by page, nothing folded (the ratios below).
 * 3. In place (decision 0014's rebuild): catchUpInTransaction from 0 into the live tables with the
 *    projections service's settings (slices growing to REBUILD_SLICE, the fold kept in memory).
 * 4. Beside the live tables (decision 0023): rebuildAndCompare - fold into a shadow schema, compare
 *    every row with the live view, no swap. Its rate counts the fold and the comparison.
 *
 *   node -r @swc-node/register bench/projection-rebuild.bench.ts   (or: bash infra/bench.sh projection-rebuild)
 *
 * Env: BENCH_REBUILD_APPLICATIONS (default 12000: 240,000 events), BENCH_REBUILD_SLICE (the in-place
 * rebuild's largest slice, default REBUILD_SLICE). Writes bench/results/projection-rebuild.json.
 * Target: both >= 20,000 events/s.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applicationStreamId, domainTesting, type ApplicationEvent } from '@adminduk/domain';
import { canonicalContent, GENESIS_HASH, linkHash, PostgresEventStore } from '@adminduk/event-store';
import {
  ApplicationViewProjection,
  catchUpInTransaction,
  createReadModelDataSource,
  rebuildAndCompare,
  READ_PAGE,
  REBUILD_SLICE,
} from '@adminduk/read-models';
import { createTestSchema } from '@adminduk/testing';
import { round } from './lib/bench-kit';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const APPLICATIONS = Number(process.env.BENCH_REBUILD_APPLICATIONS ?? 12_000);
const TARGET = 20_000;
/** The in-place rebuild's largest slice (default: the projections service's REBUILD_SLICE), to weigh writes against slice length. */
const SLICE = Number(process.env.BENCH_REBUILD_SLICE ?? REBUILD_SLICE);
const BATCH = 5000;

/** One online file's life; every application gets these events under its own stream. */
function lifeOf(): ApplicationEvent[] {
  return new domainTesting.KkScenario('daring-mandiri').submit().uploadAll().acceptAll().verify().assignNik().sign().events;
}

async function generate(db: Client, life: ApplicationEvent[]): Promise<number> {
  const ids = Array.from({ length: APPLICATIONS }, () => randomUUID());
  const heads = new Map<string, string>();
  const total = APPLICATIONS * life.length;
  // Global order: revision r of every application before revision r + 1 of any (files in parallel).
  for (let from = 0; from < total; from += BATCH) {
    const cols: string[][] = [[], [], [], [], [], [], [], []];
    for (let i = from; i < Math.min(total, from + BATCH); i++) {
      const revision = Math.floor(i / APPLICATIONS);
      const streamId = applicationStreamId(ids[i % APPLICATIONS]);
      const e = life[revision];
      const metadata = {
        eventId: randomUUID(),
        occurredAt: new Date(Date.UTC(2026, 0, 5, 1) + i * 100).toISOString(),
        schemaVersion: e.schemaVersion,
        correlationId: randomUUID(),
        kecamatan: '35.15.12',
      };
      const content = canonicalContent({ streamId, revision, type: e.type, data: e.data, metadata });
      const prev = heads.get(streamId) ?? GENESIS_HASH;
      const hash = linkHash(prev, content.hash);
      heads.set(streamId, hash);
      [streamId, String(revision), metadata.eventId, e.type, content.data, content.metadata, prev, hash].forEach((v, k) => cols[k].push(v));
    }
    await db.query(
      `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])`,
      cols,
    );
  }
  return total;
}

async function main(): Promise<void> {
  const schema = await createTestSchema('rebuildbench');
  const db = new Client({ connectionString: schema.url });
  await db.connect();
  const store = await PostgresEventStore.create({ connectionString: schema.url });
  const ds = await createReadModelDataSource(schema.url).initialize();
  try {
    const life = lifeOf();
    console.log(`projection-rebuild bench: generating ${APPLICATIONS} applications of ${life.length} events`);
    const events = await generate(db, life);
    await db.query('VACUUM ANALYZE es_events');
    const projection = new ApplicationViewProjection();

    // The ceiling, in the same run: reading the same events from the store, page by page, nothing folded.
    let t0 = process.hrtime.bigint();
    let read = 0;
    for (let page = await store.readAll({ maxCount: READ_PAGE }); page.length > 0;) {
      read += page.length;
      page = page.length < READ_PAGE ? [] : await store.readAll({ after: page[page.length - 1].position, maxCount: READ_PAGE });
    }
    const readSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (read !== events) throw new Error(`read ${read} of ${events}`);
    console.log(`  read only (the ceiling): ${Math.round(events / readSeconds)} events/s`);

    t0 = process.hrtime.bigint();
    // As the projections service does at start after a version bump's reset (projection-consumer.ts).
    const inPlace = await catchUpInTransaction(ds, projection, store, 'end', 200, { growTo: SLICE });
    const inPlaceSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (inPlace.applied !== events) throw new Error(`in place: applied ${inPlace.applied} of ${events}`);
    console.log(`  in place: ${Math.round(events / inPlaceSeconds)} events/s`);

    t0 = process.hrtime.bigint();
    const report = await rebuildAndCompare(ds, store, projection);
    const shadowSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (report.events !== events || report.differences.length)
      throw new Error(`shadow: ${report.events} events, ${report.differences.length} differences`);
    console.log(`  beside the live tables, compared: ${Math.round(events / shadowSeconds)} events/s`);

    const result = {
      benchmark: 'projection-rebuild',
      projection: projection.name,
      applications: APPLICATIONS,
      events,
      readOnly: { seconds: round(readSeconds, 2), eventsPerSecond: Math.round(events / readSeconds) },
      inPlace: {
        maxSlice: SLICE,
        seconds: round(inPlaceSeconds, 2),
        eventsPerSecond: Math.round(events / inPlaceSeconds),
        ratioToReadOnly: round(readSeconds / inPlaceSeconds, 2),
      },
      shadowAndCompare: {
        seconds: round(shadowSeconds, 2),
        eventsPerSecond: Math.round(events / shadowSeconds),
        ratioToReadOnly: round(readSeconds / shadowSeconds, 2),
        ratioToInPlace: round(inPlaceSeconds / shadowSeconds, 2),
        rowsCompared: report.tables.reduce((n, t) => n + t.liveRows, 0),
      },
      targets: { eventsPerSecond: TARGET },
      pass: { inPlace: events / inPlaceSeconds >= TARGET, shadowAndCompare: events / shadowSeconds >= TARGET },
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) },
      at: new Date().toISOString(),
    };
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'projection-rebuild.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.pass.inPlace && result.pass.shadowAndCompare ? 0 : 1;
  } finally {
    await ds.destroy();
    await store.close();
    await db.end();
    await schema.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
