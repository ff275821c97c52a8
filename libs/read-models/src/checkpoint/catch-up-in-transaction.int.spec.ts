import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { comparePositions, PostgresEventStore, positionToString, type RecordedEvent } from '@adminduk/event-store';
import { eventually, type TestSchema } from '@adminduk/testing';
import { createReadModelDataSource } from '../data-source';
import { catchUpInTransaction, type Projection } from './apply-in-transaction';
import { rebuildChangedProjections } from './rebuild-changed-projections';
import { closeReadModelTestbed, openReadModelTestbed } from '../read-model-testbed.testing';

/** Writes one row per applied event, so a test sees exactly what was applied and in which order. */
class RecordingProjection implements Projection {
  batches = 0;
  constructor(
    readonly name: string,
    private readonly failOnType?: string,
    readonly version = 1,
  ) {}

  async reset(em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM applied_events WHERE projection = $1`, [this.name]);
  }

  async apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    if (event.type === this.failOnType) throw new Error('projection refused this event');
    await em.query(`INSERT INTO applied_events (projection, event_id, position) VALUES ($1, $2, $3)`, [
      this.name,
      event.metadata.eventId,
      positionToString(event.position),
    ]);
  }
}

class BatchRecordingProjection extends RecordingProjection {
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    this.batches++;
    for (const e of events) await this.apply(e, em);
  }
}

describe('catchUpInTransaction: the store decides the order, the bus only says how far (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;
  let ds2: DataSource;

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('catchup'));
    ds2 = await createReadModelDataSource(schema.url).initialize();
    await ds.query(
      `CREATE TABLE applied_events (seq bigserial PRIMARY KEY, projection text NOT NULL, event_id uuid NOT NULL, position text NOT NULL)`,
    );
  });
  afterAll(async () => {
    await ds2?.destroy();
    await closeReadModelTestbed({ schema, store, ds });
  });

  let appended = 0;

  /**
   * Appends n events and returns everything the store shows, once it shows every event appended so
   * far. readAll stops below the oldest transaction still running in the whole database (decision
   * 0005), and other suites run transactions in their own schemas at the same time: read too early,
   * `all` would be a prefix while a later catch-up, with the horizon moved on, applies more.
   */
  async function appendEvents(n: number, type = 'Something'): Promise<RecordedEvent[]> {
    appended += n;
    for (let i = 0; i < n; i++) {
      await store.appendToStream(
        `thing-${randomUUID()}`,
        [
          {
            type,
            data: { i },
            metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'c' },
          },
        ],
        'no_stream',
      );
    }
    return eventually(async () => {
      const all = await store.readAll({});
      if (all.length < appended) throw new Error(`the store shows ${all.length} of ${appended} events so far`);
      return all;
    }, 15_000);
  }

  async function applied(projection: string): Promise<string[]> {
    return (await ds.query(`SELECT event_id FROM applied_events WHERE projection = $1 ORDER BY seq`, [projection])).map(
      (r: { event_id: string }) => r.event_id,
    );
  }

  it('applies everything up to the named position once, in global order, whatever order the bus named them in', async () => {
    const all = await appendEvents(12);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    // A later message first (a redelivery or relay retry reordered them), then the earlier ones.
    // Slices of 4: it stops at the first slice that reaches the named position (a bigger slice
    // may go past it, which is as correct: those events are in the store).
    const first = await catchUpInTransaction(ds, projection, store, all[7].position, 4);
    expect(first.applied).toBe(8);
    expect(positionToString(first.checkpoint)).toBe(positionToString(all[7].position));
    for (const e of [all[2], all[0], all[7]]) expect((await catchUpInTransaction(ds, projection, store, e.position)).applied).toBe(0);
    await catchUpInTransaction(ds, projection, store, all[11].position);
    expect(await applied(projection.name)).toEqual(all.map((e) => e.metadata.eventId));
  });

  it('two replicas catching up at once apply each event exactly once', async () => {
    const all = await appendEvents(30);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    const last = all[all.length - 1].position;
    const results = await Promise.all([
      catchUpInTransaction(ds, projection, store, last, 7),
      catchUpInTransaction(ds2, projection, store, all[10].position, 7),
      catchUpInTransaction(ds2, projection, store, last, 7),
    ]);
    expect(results.reduce((a, r) => a + r.applied, 0)).toBe(all.length);
    expect(await applied(projection.name)).toEqual(all.map((e) => e.metadata.eventId));
  });

  it('several projections share a read; each gets only the events after its own checkpoint', async () => {
    const all = await appendEvents(10);
    const ahead = new RecordingProjection(`p_${randomUUID()}`);
    const fresh = new BatchRecordingProjection(`p_${randomUUID()}`);
    await catchUpInTransaction(ds, ahead, store, all[5].position, 1);
    const r = await catchUpInTransaction(ds, [ahead, fresh], store, all[all.length - 1].position, 4);
    expect(positionToString(r.checkpoint)).toBe(positionToString(all[all.length - 1].position));
    expect(await applied(ahead.name)).toEqual(all.map((e) => e.metadata.eventId));
    expect(await applied(fresh.name)).toEqual(all.map((e) => e.metadata.eventId));
    const checkpoints = await ds.query(`SELECT position FROM projection_checkpoints WHERE projection = ANY($1)`, [
      [ahead.name, fresh.name],
    ]);
    expect(checkpoints.map((c: { position: string }) => c.position)).toEqual([
      positionToString(all[all.length - 1].position),
      positionToString(all[all.length - 1].position),
    ]);
  });

  it("'end' catches up with whatever the store has, without a message (start, rebuild)", async () => {
    const all = await appendEvents(7);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    const r = await catchUpInTransaction(ds, projection, store, 'end', 3);
    expect(r.applied).toBe(all.length);
    expect(await applied(projection.name)).toEqual(all.map((e) => e.metadata.eventId));
    expect((await catchUpInTransaction(ds, projection, store, 'end', 3)).applied).toBe(0);
  });

  it('uses applyBatch when the projection has one, a slice of at most maxPerTransaction events per transaction', async () => {
    const all = await appendEvents(25);
    const projection = new BatchRecordingProjection(`p_${randomUUID()}`);
    const r = await catchUpInTransaction(ds, projection, store, all[all.length - 1].position, 10);
    expect(r.applied).toBe(all.length);
    expect(projection.batches).toBe(Math.ceil(all.length / 10));
    expect(await applied(projection.name)).toEqual(all.map((e) => e.metadata.eventId));
  });

  it('reads as many events as the batch expects first, not the newer ones; still reaches the position when it expected too few', async () => {
    const all = await appendEvents(12);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    await catchUpInTransaction(ds, projection, store, all[1].position);
    const reads: number[] = [];
    const counting = { readAll: (o: { maxCount?: number }) => (reads.push(o.maxCount ?? -1), store.readAll(o)) };
    // The live consumer: 3 messages named events 3..5 while the store already holds 6 more.
    await catchUpInTransaction(ds, projection, counting, all[4].position, 200, { expected: 3 });
    expect(reads).toEqual([3]);
    expect(await applied(projection.name)).toEqual(all.slice(0, 5).map((e) => e.metadata.eventId));
    // Expected 2 for 7 events (a redelivery named only the last ones): later pages read on until the position.
    reads.length = 0;
    const r = await catchUpInTransaction(ds, projection, counting, all[11].position, 200, { expected: 2 });
    expect(r.applied).toBe(7);
    expect(reads[0]).toBe(2);
    // (`all` is the whole store: earlier tests' events come first, and this projection started there.)
    expect(await applied(projection.name)).toEqual(all.slice(0, 12).map((e) => e.metadata.eventId));
  });

  it('locks existing checkpoints without writing them: only a moved checkpoint gets a new row version', async () => {
    const all = await appendEvents(3);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    const version = async () =>
      (
        (await ds.query(`SELECT xmin::text AS x FROM projection_checkpoints WHERE projection = $1`, [projection.name])) as Array<{
          x: string;
        }>
      )[0].x;
    await catchUpInTransaction(ds, projection, store, all[1].position);
    const created = await version();
    // A batch naming what was applied already (a redelivery): locked, read, nothing written.
    await catchUpInTransaction(ds, projection, store, all[1].position);
    expect(await version()).toBe(created);
    await catchUpInTransaction(ds, projection, store, all[2].position);
    expect(await version()).not.toBe(created);
  });

  it('commits without waiting for the WAL flush (the store is the durable copy; a lost commit is re-applied)', async () => {
    const all = await appendEvents(2);
    const settings: string[] = [];
    const projection = new (class extends RecordingProjection {
      override async apply(event: RecordedEvent, em: EntityManager): Promise<void> {
        settings.push(((await em.query('SHOW synchronous_commit')) as Array<{ synchronous_commit: string }>)[0].synchronous_commit);
        await super.apply(event, em);
      }
    })(`p_${randomUUID()}`);
    await catchUpInTransaction(ds, projection, store, 'end');
    expect(settings).toHaveLength(all.length);
    expect(new Set(settings)).toEqual(new Set(['off']));
    // SET LOCAL: the pooled connection is back to the server's setting after the transaction.
    expect(((await ds.query('SHOW synchronous_commit')) as Array<{ synchronous_commit: string }>)[0].synchronous_commit).toBe('on');
  });

  it('a failing event rolls back its whole slice: the checkpoint stays, nothing partial is stored, the retry applies it', async () => {
    await appendEvents(3);
    const all = await appendEvents(1, 'Poison');
    const poison = all[all.length - 1];
    const failing = new RecordingProjection(`p_${randomUUID()}`, 'Poison');
    await expect(catchUpInTransaction(ds, failing, store, poison.position, 1000)).rejects.toThrow('projection refused');
    expect(await applied(failing.name)).toEqual([]);
    const checkpoint = await ds.query(`SELECT position FROM projection_checkpoints WHERE projection = $1`, [failing.name]);
    expect(checkpoint.map((r: { position: string }) => r.position)).toEqual([]);

    // Fixed (same name, so the same checkpoint): the retry applies every event once.
    const fixed = new RecordingProjection(failing.name);
    await catchUpInTransaction(ds, fixed, store, poison.position, 1000);
    expect(await applied(fixed.name)).toEqual(all.map((e) => e.metadata.eventId));
  });

  it('refuses (so the messages come back later) when the bus names a position the store does not show yet', async () => {
    const all = await appendEvents(2);
    const projection = new RecordingProjection(`p_${randomUUID()}`);
    const last = all[all.length - 1].position;
    await catchUpInTransaction(ds, projection, store, last);
    const beyond = { commit: last.commit + 1_000_000n, prepare: 0n };
    expect(comparePositions(beyond, last)).toBeGreaterThan(0);
    await expect(catchUpInTransaction(ds, projection, store, beyond)).rejects.toThrow(/has nothing after/);
    expect(await applied(projection.name)).toHaveLength(all.length);
  });

  it('a new version rebuilds that projection alone: refused until rebuilt, then the same events once each; the other stays', async () => {
    const all = await appendEvents(6);
    const name = `p_${randomUUID()}`;
    const other = new RecordingProjection(`p_${randomUUID()}`);
    await catchUpInTransaction(ds, [new RecordingProjection(name), other], store, 'end');
    const otherCheckpoint = await ds.query(`SELECT position, updated_at FROM projection_checkpoints WHERE projection = $1`, [other.name]);

    const next = new RecordingProjection(name, undefined, 2);
    // Another replica still on version 1, or this one before its rebuild: nothing is applied.
    await expect(catchUpInTransaction(ds, next, store, 'end')).rejects.toThrow(/at version 1 in the database, this code builds version 2/);
    expect(await rebuildChangedProjections(ds, [next, other])).toEqual([name]);
    expect(await applied(name)).toEqual([]);
    expect(await rebuildChangedProjections(ds2, [next, other])).toEqual([]); // a second replica finds it done
    await catchUpInTransaction(ds, [next, other], store, 'end');
    expect(await applied(name)).toEqual(all.map((e) => e.metadata.eventId));
    expect(await applied(other.name)).toEqual(all.map((e) => e.metadata.eventId));
    expect(await ds.query(`SELECT position, updated_at FROM projection_checkpoints WHERE projection = $1`, [other.name])).toEqual(
      otherCheckpoint,
    );
    await expect(catchUpInTransaction(ds, new RecordingProjection(name), store, 'end')).rejects.toThrow(/at version 2/);
  });
});
