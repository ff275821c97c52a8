import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, connect, type NatsConnection } from 'nats';
import { PostgresEventStore, decodeWireEvent } from '@adminduk/event-store';
import { createTestSchema, eventually, testEnv, uniqueId, type TestSchema, testNatsOptions, testBusSeed } from '@adminduk/testing';
import { RelayProcess, relayTestEvent } from './relay-process.testing';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

jest.setTimeout(180_000);

const STREAMS = 100;
const PER_STREAM = 50;
const TOTAL = STREAMS * PER_STREAM;

describe('relay (separate processes, real PostgreSQL and NATS)', () => {
  const id = uniqueId('relay');
  const streamName = `RLY_${id}`;
  const prefix = `${id}.evt`;
  let schema: TestSchema;
  let store: PostgresEventStore;
  let nc: NatsConnection;
  const relays: RelayProcess[] = [];
  const appended: Array<{ streamId: string; revision: number; eventId: string }> = [];

  const env = () => ({
    DATABASE_URL: schema.url,
    NATS_URL: testEnv.natsUrl,
    NATS_NKEY_SEED: testBusSeed('relay'),
    RELAY_EVENTS_STREAM: streamName,
    RELAY_SUBJECT_PREFIX: prefix,
    RELAY_LOCK_POLL_MS: '100',
    // A wide gap between ack and checkpoint, so the kill surely leaves acked-but-unsaved events behind.
    RELAY_CHECKPOINT_INTERVAL_MS: '1000',
  });
  const startRelay = () => {
    const r = RelayProcess.start(env());
    relays.push(r);
    return r;
  };

  beforeAll(async () => {
    schema = await createTestSchema('relay');
    store = await PostgresEventStore.create({ connectionString: schema.url });
    nc = await connect(testNatsOptions());
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.kill()));
    await store?.close();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(streamName).catch(() => undefined);
    await nc.drain();
    await schema?.drop();
  });

  async function storedCount(): Promise<number> {
    const jsm = await nc.jetstreamManager();
    return (await jsm.streams.info(streamName)).state.messages;
  }

  /** Appends `perStream` events to each of `streams` streams, 8 writers, each stream in order. */
  async function appendEvents(streamIds: string[], perStream: number): Promise<void> {
    const queue = [...streamIds];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const head = (await store.readStream(s, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? -1;
        for (let r = head + 1; r <= head + perStream; r++) {
          const e = relayTestEvent(r, { traceparent: TRACEPARENT });
          await store.appendToStream(s, [e], r === 0 ? 'no_stream' : { revision: r - 1 });
          appended.push({ streamId: s, revision: r, eventId: e.metadata.eventId });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  /** Every message in the JetStream stream, in stream order. */
  async function readAllMessages(): Promise<
    Array<{ subject: string; msgId: string; streamId: string; revision: number; traceparent?: string }>
  > {
    const jsm = await nc.jetstreamManager();
    const name = `check_${randomUUID().slice(0, 8)}`;
    await jsm.consumers.add(streamName, {
      name,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 60_000_000_000,
    });
    const consumer = await nc.jetstream().consumers.get(streamName, name);
    const total = await storedCount();
    const out: Array<{ subject: string; msgId: string; streamId: string; revision: number; traceparent?: string }> = [];
    while (out.length < total) {
      const batch = await consumer.fetch({ max_messages: 1000, expires: 2000 });
      for await (const m of batch) {
        const e = decodeWireEvent(m.data);
        out.push({
          subject: m.subject,
          msgId: m.headers?.get('Nats-Msg-Id') ?? '',
          streamId: e.streamId,
          revision: e.revision,
          traceparent: m.headers?.get('traceparent'),
        });
      }
    }
    await jsm.consumers.delete(streamName, name);
    return out;
  }

  it('delivers every event exactly once, in order per stream, across a SIGKILL and restart', async () => {
    const first = startRelay();
    await eventually(() => expect(first.logged('Relay lock acquired')).toBe(true), 30_000);

    const streamIds = Array.from({ length: STREAMS }, () => `order-${randomUUID()}`);
    const appending = appendEvents(streamIds, PER_STREAM);
    // Kill the relay while it is busy: some events published, many not yet.
    await eventually(async () => expect(await storedCount()).toBeGreaterThanOrEqual(TOTAL / 5), 60_000);
    await first.kill('SIGKILL');
    const atKill = await storedCount();
    expect(atKill).toBeLessThan(TOTAL);

    const second = startRelay();
    await appending;
    expect(appended).toHaveLength(TOTAL);

    // Wait until the relay's checkpoint reaches the store's last event: then nothing more will come.
    // Readers see an event only once every older transaction in the cluster has ended (gap-free
    // order), so wait until all of them are visible before taking the last position.
    const visible = await eventually(async () => {
      const all = await store.readAll({ maxCount: 1_000_000 });
      expect(all).toHaveLength(TOTAL);
      return all;
    }, 60_000);
    const last = visible.at(-1)!.position;
    await eventually(async () => {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: schema.url });
      await c.connect();
      try {
        const { rows } = await c.query<{ position: string }>('SELECT position FROM relay_checkpoint');
        expect(rows[0]?.position).toBe(`${last.commit}/${last.prepare}`);
      } finally {
        await c.end();
      }
    }, 60_000);

    const messages = await readAllMessages();
    expect(messages).toHaveLength(TOTAL);
    expect(new Set(messages.map((m) => m.msgId)).size).toBe(TOTAL);
    expect(new Set(messages.map((m) => m.msgId))).toEqual(new Set(appended.map((a) => a.eventId)));
    // Order per stream: revisions 0..49 in JetStream sequence order.
    const byStream = new Map<string, number[]>();
    for (const m of messages) byStream.set(m.streamId, [...(byStream.get(m.streamId) ?? []), m.revision]);
    expect(byStream.size).toBe(STREAMS);
    for (const revisions of byStream.values()) expect(revisions).toEqual(Array.from({ length: PER_STREAM }, (_, i) => i));
    expect(messages[0].subject).toBe(`${prefix}.351512.order.RelayTestHappened`);
    // Same trace as the append; the parent is now the relay's own PRODUCER span.
    expect(messages[0].traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(messages[0].traceparent).not.toContain('00f067aa0ba902b7');
    expect(await second.metric('relay_events_behind')).toBe(0);
    // The restart did publish again what the first relay had not checkpointed; JetStream dropped those.
    expect(await second.metric('relay_events_duplicate_total')).toBeGreaterThan(0);
  });

  it('lets only one of two relays publish, and the standby takes over when the active one dies', async () => {
    const active = relays.at(-1)!;
    const standby = startRelay();
    await eventually(() => expect(standby.logged('Another relay holds the lock')).toBe(true), 30_000);
    await eventually(async () => {
      // The one readiness shape (libs/http health.ts): a standby is a ready replica, holding no lock.
      const res = await fetch(`http://127.0.0.1:${standby.port}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', checks: { nats: 'ok', 'event-store': 'ok', 'leader-lock': 'ok' } });
      expect(await fetch(`http://127.0.0.1:${standby.port}/health/live`).then((r) => r.json())).toEqual({ status: 'up' });
    }, 10_000);
    expect(await standby.metric('relay_active')).toBe(0);

    const before = await storedCount();
    const activePublishedBefore = await active.metric('relay_events_published_total');
    const more = Array.from({ length: 10 }, () => `order-${randomUUID()}`);
    await appendEvents(more, 10);
    await eventually(async () => expect(await storedCount()).toBe(before + 100), 30_000);
    expect(await active.metric('relay_events_published_total')).toBe(activePublishedBefore + 100);
    expect(await standby.metric('relay_events_published_total')).toBe(0);
    expect(await standby.metric('relay_active')).toBe(0);

    await active.kill('SIGKILL');
    await eventually(() => expect(standby.logged('Relay lock acquired')).toBe(true), 30_000);
    await appendEvents(more.slice(0, 5), 10);
    await eventually(async () => expect(await storedCount()).toBe(before + 150), 30_000);
    expect(await standby.metric('relay_active')).toBe(1);

    // Shutdown is handled once, by the shared bootstrap: SIGTERM -> Nest's hooks -> exit 0.
    await standby.kill('SIGTERM');
    expect(standby.logged('relay stopping')).toBe(true);
    expect(standby.child.exitCode).toBe(0);
  });
});
