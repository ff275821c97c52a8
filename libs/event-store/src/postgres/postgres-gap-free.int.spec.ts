import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestSchema, eventually, type TestSchema } from '@adminduk/testing';
import { comparePositions, START, type GlobalPosition, type NewEvent, type RecordedEvent } from '../envelope/event-envelope';
import { verifyChain } from '../envelope/hash-chain';
import { PostgresEventStore } from './postgres-event-store';
import { appendPayload } from './postgres-statements';

jest.setTimeout(60000);

/**
 * The proof that readers of the global order never skip or reorder an event although transactions
 * commit out of order: some appends are held before their commit while many later appends commit,
 * then the held ones commit, and the rows that held them roll back. A subscriber and a paging reader run
 * throughout. A naive reader following the bigserial alone runs beside them as the control: it
 * must miss the held events, which shows the scenario really happened.
 */
describe('PostgresEventStore global order under out-of-order commits', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let raw: Pool;

  beforeAll(async () => {
    schema = await createTestSchema('es_gapfree');
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 8, pollIntervalMs: 100 });
    raw = new Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await raw?.end();
    await schema?.drop();
  });

  it('every committed event reaches the subscriber and the reader exactly once, in order; none rolled back', async () => {
    const WRITERS = 6;
    const APPENDS_PER_WRITER = 40;
    const HELD = 4;

    // A transaction that never appends stays open throughout (with an xid, as a projection's or
    // another suite's would): readers must not wait for it (they did when the frontier was xmin).
    const bystander = new Client({ connectionString: schema.url });
    await bystander.connect();
    await bystander.query('BEGIN');
    await bystander.query('SELECT pg_current_xact_id()');

    // Readers running throughout.
    const subscribed: RecordedEvent[] = [];
    const subscriptionErrors: Error[] = [];
    const subscription = store.subscribeToAll({
      onEvent: async (e) => void subscribed.push(e),
      onError: (e) => subscriptionErrors.push(e),
    });

    let stop = false;
    const paged: RecordedEvent[] = [];
    const pagingReader = (async () => {
      let after: GlobalPosition = START;
      while (!stop) {
        const page = await store.readAll({ after, maxCount: 7 });
        paged.push(...page);
        if (page.length > 0) after = page[page.length - 1].position;
        else await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const naiveSeen = new Set<string>();
    let naiveLast = 0n;
    const naiveReader = (async () => {
      while (!stop) {
        const { rows } = await raw.query<{ position: string; event_id: string }>(
          'SELECT position, event_id::text FROM es_events WHERE position > $1 ORDER BY position',
          [naiveLast.toString()],
        );
        for (const r of rows) {
          naiveSeen.add(r.event_id);
          naiveLast = BigInt(r.position);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    // Concurrent appenders, each on its own stream with exact revisions; some appends carry two events.
    const committed = new Set<string>();
    let committedAppends = 0;
    const committedPrepares: bigint[] = [];
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const streamId = `gapfree-writer${w}-${randomUUID()}`;
      let head = -1;
      // At least APPENDS_PER_WRITER, and on until the held transactions are done, so each has later commits to wait for.
      for (let i = 0; i < APPENDS_PER_WRITER || !holderDone; i++) {
        const batch = i % 5 === 4 ? [event(`W${w}.${i}a`), event(`W${w}.${i}b`)] : [event(`W${w}.${i}`)];
        const result = await store.appendToStream(streamId, batch, head < 0 ? 'no_stream' : { revision: head });
        head = result.nextExpectedRevision;
        batch.forEach((e) => committed.add(e.metadata.eventId));
        committedPrepares.push(result.position.prepare);
        committedAppends++;
        // Let the held transactions and the readers interleave with the appenders.
        if (i % 3 === 0) await new Promise((r) => setImmediate(r));
      }
    });

    // Held appends, through the public API: a blocker transaction holds an uncommitted row at revision 0
    // of a stream; an append to that stream takes its global position, then waits on the blocker. Once
    // later appends have committed past it (and the naive reader has moved beyond them), the blocker
    // rolls back (its row is never seen) and the held append commits below positions already read.
    const held: Array<{ ids: string[]; prepare: bigint; laterCommittedPrepare: bigint; blockerId: string }> = [];
    let holderDone = false;
    const holder = (async () => {
      for (let h = 0; h < HELD; h++) {
        const streamId = `gapfree-held${h}-${randomUUID()}`;
        const blocker = new Client({ connectionString: schema.url });
        await blocker.connect();
        try {
          const blockerId = randomUUID();
          await blocker.query('BEGIN');
          await blocker.query(
            `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
             VALUES ($1, 0, $2::uuid, 'Blocker', '{}', '{}', $3, $3)`,
            [streamId, blockerId, '0'.repeat(64)],
          );
          const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          const batch = [event(`H${h}`)];
          const pending = store.appendToStream(streamId, batch, 'no_stream');
          await eventually(async () => {
            const { rows } = await raw.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [blockerPid]);
            if (rows.length === 0) throw new Error('waiting for the held append to wait on the blocker');
          }, 30000);
          const appendsBefore = committedAppends;
          let laterCommittedPrepare = 0n;
          await eventually(
            () => {
              if (committedAppends < appendsBefore + 15) throw new Error('waiting for later commits');
              laterCommittedPrepare = committedPrepares.reduce((a, b) => (a > b ? a : b), 0n);
              if (naiveLast < laterCommittedPrepare) throw new Error('waiting for the naive reader to pass');
            },
            30000,
            5,
          );
          await blocker.query('ROLLBACK');
          const result = await pending;
          batch.forEach((e) => committed.add(e.metadata.eventId));
          held.push({ ids: batch.map((e) => e.metadata.eventId), prepare: result.position.prepare, laterCommittedPrepare, blockerId });
        } finally {
          await blocker.end();
        }
      }
    })().finally(() => (holderDone = true));

    await Promise.all([...writers, holder]);
    expect(held).toHaveLength(HELD);
    const expectedCount = committed.size;
    expect(expectedCount).toBeGreaterThanOrEqual(WRITERS * APPENDS_PER_WRITER + HELD);

    try {
      await eventually(() => {
        expect(subscribed.length).toBeGreaterThanOrEqual(expectedCount);
        expect(paged.length).toBeGreaterThanOrEqual(expectedCount);
      }, 30000);
    } finally {
      stop = true;
      await Promise.all([pagingReader, naiveReader]);
      await subscription.close();
      await bystander.end();
    }
    expect(subscriptionErrors).toEqual([]);

    // The scenario happened: each held event sat below positions that committed before it.
    for (const h of held) expect(h.prepare).toBeLessThan(h.laterCommittedPrepare);
    // The control: a reader following the bigserial alone skipped the held events.
    const heldIds = held.flatMap((h) => h.ids);
    expect(heldIds.filter((id) => !naiveSeen.has(id))).toEqual(heldIds);
    // The blockers rolled back: nobody saw their rows (the id comparison below also holds them out).
    expect(held.map((h) => h.blockerId).filter((id) => naiveSeen.has(id))).toEqual([]);

    for (const [name, seen] of [
      ['subscriber', subscribed],
      ['paging reader', paged],
    ] as const) {
      const ids = seen.map((e) => e.metadata.eventId);
      // Exactly once, nothing rolled back, nothing missing.
      expect({ name, duplicates: ids.length - new Set(ids).size }).toEqual({ name, duplicates: 0 });
      expect({ name, ids: [...ids].sort() }).toEqual({ name, ids: [...committed].sort() });
      // Strictly increasing global order.
      for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1].position, seen[i].position)).toBe(-1);
      // Within each stream: revisions 0, 1, 2… in delivery order, and the chain verifies.
      const byStream = new Map<string, RecordedEvent[]>();
      seen.forEach((e) => byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]));
      for (const events of byStream.values()) {
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        expect(verifyChain(events)).toBeNull();
      }
    }
  });

  // Both ways into es_events: the append function (its own guard call) and a plain INSERT (the table's trigger).
  const holdingAppends: Array<[string, (c: Client, stream: string, held: NewEvent[]) => Promise<unknown>]> = [
    [
      'es_append_events',
      (c, stream, held) =>
        c.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [stream, appendPayload(stream, held, -1)]),
    ],
    [
      'a plain INSERT',
      (c, stream, [e]) =>
        c.query(
          `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash) VALUES ($1, 0, $2, $3, $4, $5, '', '')`,
          [stream, e.metadata.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
        ),
    ],
  ];
  it.each(holdingAppends)(
    'an appending transaction still open (%s) hides events committed after its xid, until it ends',
    async (how, append) => {
      const heldStream = `gapfree-open-${randomUUID()}`;
      const [held, later] = [`open-held ${how}`, `open-later ${how}`];
      const appender = new Client({ connectionString: schema.url });
      await appender.connect();
      try {
        await appender.query('BEGIN');
        await append(appender, heldStream, [event(held)]);
        const appended = await store.appendToStream(`gapfree-later-${randomUUID()}`, [event(later)], 'no_stream');
        const from = { commit: appended.position.commit - 1000n, prepare: 0n };
        const labels = async () => (await store.readAll({ after: from })).map((e) => (e.data as { label: string }).label);
        expect(await labels()).not.toContain(later);
        expect((await raw.query('SELECT es_pending() AS pending')).rows[0].pending).toBe(true);
        await appender.query('COMMIT');
        const after = await labels();
        expect(after.indexOf(held)).toBeGreaterThanOrEqual(0);
        expect(after.indexOf(held)).toBeLessThan(after.indexOf(later));
      } finally {
        await appender.end();
      }
    },
  );
});

function event(label: string): NewEvent {
  return {
    type: 'GapFreeProbe',
    data: { label },
    metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: label },
  };
}
