import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { AckPolicy, DeliverPolicy, connect, nkeyAuthenticator, type NatsConnection } from 'nats';
import { PostgresEventStore } from '@adminduk/event-store';
import { OwnBus, busEnv, createTestSchema, eventually, freePort, uniqueId, type TestSchema } from '@adminduk/testing';
import { RelayProcess, relayTestEvent } from './relay-process.testing';

jest.setTimeout(120_000);

const TOTAL = 200;
const LOST = 20;

/**
 * A NATS server killed outright can come back without messages it had acknowledged (JetStream
 * writes its files asynchronously); the relay's checkpoint is already past them. Simulated here
 * exactly: the relay frozen, the server killed, the tail of its stream file cut off, the server
 * restarted, then the relay let go. It must notice the reconnect and republish what the stream
 * lost (after the stream's last sequence).
 */
describe('relay: a restarted NATS server that lost its last acknowledged messages', () => {
  const id = uniqueId('rbr');
  const streamName = `RBR_${id}`;
  const prefix = `${id}.evt`;
  let schema: TestSchema;
  let store: PostgresEventStore;
  let bus: OwnBus;
  let nc: NatsConnection | undefined;
  let relay: RelayProcess | undefined;

  const connectTest = () =>
    connect({
      servers: bus.natsUrl,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(JSON.parse(readFileSync(path.join(bus.dir, 'seeds.json'), 'utf8')).test)),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
  const eventIdsInStream = async (): Promise<Set<string>> => {
    const jsm = await nc!.jetstreamManager();
    const name = `check_${randomUUID().slice(0, 8)}`;
    await jsm.consumers.add(streamName, { name, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
    const consumer = await nc!.jetstream().consumers.get(streamName, name);
    const total = (await jsm.streams.info(streamName)).state.messages;
    const ids = new Set<string>();
    let seen = 0;
    while (seen < total) {
      for await (const m of await consumer.fetch({ max_messages: 500, expires: 2000 })) {
        seen++;
        ids.add(m.headers?.get('Nats-Msg-Id') ?? '');
      }
    }
    await jsm.consumers.delete(streamName, name);
    return ids;
  };

  beforeAll(async () => {
    schema = await createTestSchema('relay_bus_restart');
    store = await PostgresEventStore.create({ connectionString: schema.url });
    bus = await OwnBus.create(path.resolve(__dirname, `../../../.local/test-output/${id}-bus`), await freePort());
    nc = await connectTest();
  });

  afterAll(async () => {
    await relay?.kill();
    await nc?.close().catch(() => undefined);
    await bus?.destroy();
    await store?.close();
    await schema?.drop();
  });

  it('republishes what the server lost, and JetStream keeps each event once', async () => {
    relay = RelayProcess.start({
      DATABASE_URL: schema.url,
      ...busEnv(bus, 'relay'),
      RELAY_EVENTS_STREAM: streamName,
      RELAY_SUBJECT_PREFIX: prefix,
      RELAY_LOCK_POLL_MS: '100',
      RELAY_CHECKPOINT_INTERVAL_MS: '50',
    });
    const eventIds: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const e = relayTestEvent(i);
      eventIds.push(e.metadata.eventId);
      await store.appendToStream(`rbr-${i % 10}`, [e], 'any');
    }
    await eventually(async () => expect((await eventIdsInStream()).size).toBe(TOTAL), 30_000);
    await eventually(async () => expect(await relay!.metric('relay_events_behind')).toBe(0), 10_000);

    relay.child.kill('SIGSTOP');
    try {
      await nc!.close();
      await bus.stop('SIGKILL');
      // What a crash can cost: the tail of the stream's file, as if it was never flushed. (Deleting
      // the messages instead would not do: the stream's last sequence stays, and that is what the
      // relay asks.)
      const msgs = path.join(bus.dir, 'jetstream/jetstream/$G/streams', streamName, 'msgs');
      const block = path.join(
        msgs,
        readdirSync(msgs)
          .filter((f) => f.endsWith('.blk'))
          .sort((a, b) => parseInt(b) - parseInt(a))[0],
      );
      truncateSync(block, Math.floor((statSync(block).size * (TOTAL - LOST)) / TOTAL));
      await bus.start();
      nc = await connectTest();
      const kept = (await eventIdsInStream()).size;
      expect(kept).toBeLessThan(TOTAL);
      expect(kept).toBeGreaterThan(TOTAL - 2 * LOST);
    } finally {
      relay.child.kill('SIGCONT');
    }

    await eventually(async () => expect([...(await eventIdsInStream())].sort()).toEqual([...eventIds].sort()), 30_000);
    expect(await relay.metric('relay_reconnect_rewinds_total')).toBeGreaterThanOrEqual(1);
    // The rest of the window was republished too and dropped by msg id: each event is in the stream once.
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(streamName);
    expect(info.state.messages).toBe(TOTAL);
  });

  it('republishes at once after a killed server took unacknowledged publishes with it, not after the ack timeout', async () => {
    const eventIds = [...(await eventIdsInStream())];
    // The server hangs: the relay's publishes reach its socket and no ack comes back.
    bus.signal('SIGSTOP');
    try {
      for (let i = 0; i < LOST; i++) {
        const e = relayTestEvent(TOTAL + i);
        eventIds.push(e.metadata.eventId);
        await store.appendToStream(`rbr-${i % 10}`, [e], 'any');
      }
      await new Promise((r) => setTimeout(r, 100));
      await nc!.close().catch(() => undefined);
    } finally {
      await bus.stop('SIGKILL');
    }
    await bus.start();
    const restarted = Date.now();
    nc = await connectTest();
    await eventually(async () => expect([...(await eventIdsInStream())].sort()).toEqual([...eventIds].sort()), 30_000);
    // The acks the killed server owed time out after 5 s from their publish (4-5 s from here); the relay
    // fails them when it reconnects (half a second) and republishes: 3 s leaves room for a slow machine.
    expect(Date.now() - restarted).toBeLessThan(3000);
  });
});
