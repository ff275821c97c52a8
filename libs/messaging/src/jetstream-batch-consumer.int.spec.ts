import { context, propagation, trace } from '@opentelemetry/api';
import { headers as natsHeaders } from 'nats';
import { metricSample } from '@adminduk/observability';
import { eventually, uniqueId } from '@adminduk/testing';
import { DeadLetters } from './dead-letters';
import { JetStreamBatchConsumerRunner, type BatchItem } from './jetstream-batch-consumer';
import { ensureJetStream, type DurableConsumerSpec } from './jetstream-setup';
import { jetStreamTestbed, quietLogger } from './testing/jetstream-testbed';

const metricValue = async (name: string, labels: Record<string, string>) => (await metricSample(name, labels)) ?? 0;

jest.setTimeout(60_000);

describe('JetStreamBatchConsumerRunner (real NATS)', () => {
  const id = uniqueId('batch');
  const bed = jetStreamTestbed(id, { events: `EVB_${id}`, deadLetters: `DLQB_${id}` });
  const { topology, exporter, runners } = bed;

  async function setUp(name: string, overrides: Partial<DurableConsumerSpec> = {}): Promise<DurableConsumerSpec> {
    const spec: DurableConsumerSpec = {
      stream: topology.events.name,
      durable: name,
      filterSubject: `${id}.evt.${name}.>`,
      maxDeliver: -1,
      ackWaitMs: 10_000,
      maxAckPending: 400,
      ...overrides,
    };
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    return spec;
  }

  async function publishMany(name: string, from: number, to: number): Promise<void> {
    await Promise.all(
      Array.from({ length: to - from }, (_, i) =>
        bed.publisher.publishJson(`${id}.evt.${name}.thing`, { n: from + i }, { msgId: `${name}-${from + i}` }),
      ),
    );
  }

  it('a batch slower than the ack wait is not redelivered while its handler runs (in-progress acks)', async () => {
    const name = 'slowbatch';
    const spec = await setUp(name, { ackWaitMs: 1000 });
    await publishMany(name, 0, 1); // one: a message waiting in the runner's buffer ages against the ack wait too
    const seen: number[] = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      maxBatch: 10,
      logger: quietLogger,
      handler: async (items: BatchItem<{ n: number }>[]) => {
        seen.push(...items.map((i) => i.event.n));
        await new Promise((r) => setTimeout(r, 3500));
      },
    });
    runners.push(runner);
    await runner.start();
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(spec.stream, name);
      expect([seen.length > 0, ci.num_pending, ci.num_ack_pending]).toEqual([true, 0, 0]);
    }, 15_000);
    expect(seen).toEqual([0]); // without: [0, 0, 0, 0] (a copy every second)
  });

  it('messages queued behind a slow batch do not outlive their ack wait either: each is handled once', async () => {
    const name = 'queuedbehind';
    const spec = await setUp(name, { ackWaitMs: 1000 });
    const seen: Array<{ n: number; count: number }> = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      maxBatch: 2,
      logger: quietLogger,
      handler: async (items: BatchItem<{ n: number }>[]) => {
        seen.push(...items.map((i) => ({ n: i.event.n, count: i.context.deliveryCount })));
        await new Promise((r) => setTimeout(r, 1600));
      },
    });
    runners.push(runner);
    await runner.start();
    await publishMany(name, 0, 6);
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(spec.stream, name);
      expect([seen.length >= 6, ci.num_pending, ci.num_ack_pending]).toEqual([true, 0, 0]);
    }, 20_000);
    // Without: the two batches queued behind the first waited 1.6-3.2 s against a 1 s ack wait and came again.
    expect(seen.map((s) => s.count)).toEqual(Array(6).fill(1));
    expect(seen.map((s) => s.n).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('hands over what has arrived as one batch (up to maxBatch) and acks every message after the handler resolved', async () => {
    const name = 'backlog';
    const spec = await setUp(name);
    await publishMany(name, 0, 150); // a backlog before the runner starts
    const batches: number[][] = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      maxBatch: 50,
      logger: quietLogger,
      handler: async (items: BatchItem<{ n: number }>[]) => {
        batches.push(items.map((i) => i.event.n));
        // The first batch is slow (a cold database, say): meanwhile the backlog arrives and queues.
        if (batches.length === 1) await new Promise((r) => setTimeout(r, 300));
      },
    });
    runners.push(runner);
    await runner.start();
    await eventually(() => expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i)));
    expect(Math.max(...batches.map((b) => b.length))).toBe(50); // batched, and never more than maxBatch
    expect(batches.length).toBeLessThan(150);
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(topology.events.name, name);
      expect(ci.num_ack_pending).toBe(0);
      expect(ci.num_pending).toBe(0);
    });

    // Idle, one message is handled on its own, without waiting for company.
    await publishMany(name, 150, 151);
    await eventually(() => expect(batches[batches.length - 1]).toEqual([150]));
  });

  it('with lingerMs, messages that trickle in within that time form one batch', async () => {
    const name = 'linger';
    const spec = await setUp(name);
    const batches: number[][] = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      lingerMs: 1000,
      logger: quietLogger,
      handler: async (items) => void batches.push(items.map((i) => i.event.n)),
    });
    runners.push(runner);
    await runner.start();
    for (let n = 0; n < 4; n++) await publishMany(name, n, n + 1); // one at a time, each acked by the stream
    await eventually(() => expect(batches.flat()).toHaveLength(4));
    expect(batches).toEqual([[0, 1, 2, 3]]);
  });

  it('a failing batch is nak-ed whole and comes back until the handler succeeds; nothing is acked before', async () => {
    const name = 'failing';
    const spec = await setUp(name);
    let failuresLeft = 2;
    const seen: number[] = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      nakBackoff: { baseMs: 20, maxMs: 50 },
      logger: quietLogger,
      handler: async (items) => {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error('database down');
        }
        seen.push(...items.map((i) => i.event.n));
      },
    });
    runners.push(runner);
    await publishMany(name, 0, 5);
    await runner.start();
    await eventually(() => expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]));
    expect(failuresLeft).toBe(0);
    // On /metrics: the messages of the two failed batches were retried, each came back once, then all were acked.
    const retried = await metricValue('nats_consumer_messages_total', { consumer: name, outcome: 'retried' });
    expect(retried).toBeGreaterThanOrEqual(2);
    expect(await metricValue('nats_consumer_redeliveries_total', { consumer: name })).toBe(retried);
    expect(await metricValue('nats_consumer_messages_total', { consumer: name, outcome: 'acked' })).toBe(5);
    // The lag is asked of the server on scrape: nothing left to deliver.
    await eventually(async () =>
      expect(await metricValue('nats_consumer_pending_messages', { consumer: name, state: 'undelivered' })).toBe(0),
    );
  });

  it('reports its lag on /metrics while it falls behind', async () => {
    const name = 'lagging';
    const spec = await setUp(name);
    await publishMany(name, 0, 30);
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: { ...spec },
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      maxBatch: 5,
      logger: quietLogger,
      handler: () => blocked, // the first batch hangs (a slow database)
    });
    runners.push(runner);
    await runner.start();
    await eventually(async () => {
      const undelivered = await metricValue('nats_consumer_pending_messages', { consumer: name, state: 'undelivered' });
      const unacked = await metricValue('nats_consumer_pending_messages', { consumer: name, state: 'unacknowledged' });
      expect(undelivered + unacked).toBe(30);
      expect(unacked).toBeGreaterThan(0);
    });
    release();
    await eventually(async () => expect(await metricValue('nats_consumer_messages_total', { consumer: name, outcome: 'acked' })).toBe(30));
  });

  it('dead-letters an undecodable message on its own; the rest of its batch goes through', async () => {
    const name = 'undecodable';
    const spec = await setUp(name);
    await bed.publisher.publish(`${id}.evt.${name}.thing`, new TextEncoder().encode('{not json'), { msgId: `${name}-bad` });
    await publishMany(name, 0, 3);
    const seen: number[] = [];
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      logger: quietLogger,
      handler: async (items) => void seen.push(...items.map((i) => i.event.n)),
    });
    runners.push(runner);
    await runner.start();
    await eventually(() => expect([...seen].sort()).toEqual([0, 1, 2]));
    const dlq = new DeadLetters(bed.nc, topology.deadLetters);
    await eventually(async () =>
      expect((await dlq.list({ consumer: name })).items.map((i) => i.record.error)).toEqual([
        expect.stringMatching(/^undecodable message/),
      ]),
    );
    expect(await metricValue('nats_consumer_messages_total', { consumer: name, outcome: 'dead_lettered' })).toBe(1);
  });

  it('runs the handler in one CONSUMER span per batch: a child of the first message, linked to every message', async () => {
    const name = 'traced';
    const spec = await setUp(name);
    const tracer = trace.getTracer('test');
    const producers: string[] = [];
    for (let n = 0; n < 3; n++) {
      await tracer.startActiveSpan(`produce ${n}`, async (span) => {
        producers.push(span.spanContext().spanId);
        const h = natsHeaders();
        propagation.inject(context.active(), h, { set: (c, k, v) => c.set(k, v) });
        await bed.publisher.publishJson(`${id}.evt.${name}.thing`, { n }, { msgId: `${name}-${n}`, headers: h });
        span.end();
      });
    }
    let handlerSpan: string | undefined;
    const runner = new JetStreamBatchConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      logger: quietLogger,
      handler: async () => void (handlerSpan = trace.getActiveSpan()?.spanContext().spanId),
    });
    runners.push(runner);
    await runner.start();
    const batchSpans = await eventually(() => {
      const spans = exporter.getFinishedSpans().filter((s) => s.name === `${name} process`);
      expect(spans.map((s) => s.attributes['messaging.batch.message_count']).reduce((a, b) => Number(a) + Number(b), 0)).toBe(3);
      return spans;
    });
    expect(batchSpans.map((s) => s.spanContext().spanId)).toContain(handlerSpan);
    const linked = batchSpans.flatMap((s) => s.links.map((l) => l.context.spanId));
    expect(linked.sort()).toEqual([...producers].sort());
    for (const s of batchSpans) expect(producers).toContain(s.parentSpanContext?.spanId);
  });
});
