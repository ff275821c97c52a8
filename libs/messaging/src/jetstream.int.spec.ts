import { context, trace, SpanKind } from '@opentelemetry/api';
import { metricSample } from '@adminduk/observability';
import { eventually, uniqueId } from '@adminduk/testing';
import { DeadLetters, REPLAY_OF_HEADER } from './dead-letters';
import { replaySubject } from './dead-letter-record';
import { JetStreamConsumerRunner } from './jetstream-consumer';
import { PipelinedJetStreamPublisher } from './jetstream-pipelined-publisher';
import { ensureJetStream, type DurableConsumerSpec } from './jetstream-setup';
import { jetStreamTestbed, quietLogger } from './testing/jetstream-testbed';

// The per-project testTimeout of jest.config.js is not applied by Jest 29; set it here.
jest.setTimeout(60_000);

describe('JetStream messaging (real NATS)', () => {
  const id = uniqueId('msg');
  const bed = jetStreamTestbed(id, { events: `EV_${id}`, deadLetters: `DLQ_${id}` });
  const { topology, exporter, runners } = bed;
  const dlqPrefix = topology.deadLetters.subjectPrefix;

  function consumerSpec(name: string, overrides: Partial<DurableConsumerSpec> = {}): DurableConsumerSpec {
    return {
      stream: topology.events.name,
      durable: name,
      filterSubject: `${id}.evt.${name}.>`,
      maxDeliver: 3,
      ackWaitMs: 10_000,
      ...overrides,
    };
  }

  it('creates streams and consumers idempotently, updating a changed consumer', async () => {
    const setup = { streams: [topology.events, topology.deadLetters], consumers: [consumerSpec('setup')] };
    await ensureJetStream(bed.nc, setup);
    await ensureJetStream(bed.nc, setup);
    await ensureJetStream(bed.nc, { ...setup, consumers: [consumerSpec('setup', { maxDeliver: 7 })] });

    const jsm = await bed.nc.jetstreamManager();
    const ev = await jsm.streams.info(topology.events.name);
    expect(ev.config.subjects).toEqual([`${id}.evt.>`]);
    expect(ev.config.storage).toBe('file');
    expect(ev.config.duplicate_window).toBe(120_000_000_000);
    expect(ev.config.max_age).toBe(0);
    const dlq = await jsm.streams.info(topology.deadLetters.name);
    expect(dlq.config.subjects).toEqual([`${dlqPrefix}.>`]);
    const c = await jsm.consumers.info(topology.events.name, 'setup');
    expect(c.config.ack_policy).toBe('explicit');
    expect(c.config.filter_subject).toBe(`${id}.evt.setup.>`);
    expect(c.config.max_deliver).toBe(7);
    const consumers = await jsm.consumers.list(topology.events.name).next();
    expect(consumers.filter((x) => x.name === 'setup')).toHaveLength(1);
  });

  it('bounds a stream by age when asked, also on a stream that exists already', async () => {
    await ensureJetStream(bed.nc, { streams: [topology.events] });
    await ensureJetStream(bed.nc, { streams: [{ ...topology.events, maxAgeMs: 30 * 24 * 3600_000 }] });
    const jsm = await bed.nc.jetstreamManager();
    expect((await jsm.streams.info(topology.events.name)).config.max_age).toBe(30 * 24 * 3600 * 1_000_000_000);
  });

  it('stores a message once per msg id and reports the duplicate', async () => {
    await ensureJetStream(bed.nc, { streams: [topology.events] });
    const subject = `${id}.evt.dedupe.x`;
    const first = await bed.publisher.publishJson(subject, { n: 1 }, { msgId: 'same-id', headers: { 'x-kind': 'a' } });
    const second = await bed.publisher.publishJson(subject, { n: 1 }, { msgId: 'same-id' });
    const other = await bed.publisher.publishJson(subject, { n: 2 }, { msgId: 'other-id' });
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    expect(other.duplicate).toBe(false);

    const jsm = await bed.nc.jetstreamManager();
    const stored = await jsm.streams.getMessage(topology.events.name, { seq: first.seq });
    expect(stored.header.get('x-kind')).toBe('a');
    expect(stored.header.get('Nats-Msg-Id')).toBe('same-id');
    const info = await jsm.streams.info(topology.events.name, { subjects_filter: subject });
    expect(info.state.subjects?.[subject]).toBe(2);
  });

  it('pipelined publisher: many in flight, acks in order, dedupe by msg id, and a clear error without a stream', async () => {
    await ensureJetStream(bed.nc, { streams: [topology.events] });
    const fast = new PipelinedJetStreamPublisher(bed.nc, { timeoutMs: 2000 });
    try {
      const subject = `${id}.evt.pipelined.x`;
      const acks = await Promise.all(
        Array.from({ length: 200 }, (_, i) => fast.publish(subject, new TextEncoder().encode(String(i)), { msgId: `p-${i}` })),
      );
      const seqs = acks.map((a) => a.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(200);
      expect(acks.every((a) => a.stream === topology.events.name && !a.duplicate)).toBe(true);

      const again = await fast.publish(subject, new TextEncoder().encode('0'), { msgId: 'p-0' });
      expect(again).toMatchObject({ duplicate: true, seq: acks[0].seq });

      const jsm = await bed.nc.jetstreamManager();
      const stored = await jsm.streams.getMessage(topology.events.name, { seq: acks[7].seq });
      expect(new TextDecoder().decode(stored.data)).toBe('7');
      expect(stored.header.get('Nats-Msg-Id')).toBe('p-7');

      await expect(fast.publish(`${id}.nostream.x`, new Uint8Array(), { msgId: 'n' })).rejects.toThrow(/no JetStream stream/);
    } finally {
      fast.close();
    }
  });

  it('dead-letters a message that keeps failing, keeps consuming the others, and replays it once fixed', async () => {
    const name = 'poison';
    const spec = consumerSpec(name, { maxDeliver: 3 });
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });

    let fixed = false;
    const attempts = new Map<number, number>();
    const handled: number[] = [];
    const runner = new JetStreamConsumerRunner<{ n: number; poison?: boolean }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: dlqPrefix,
      nakBackoff: { baseMs: 20, maxMs: 100 },
      logger: quietLogger,
      handler: async (event) => {
        attempts.set(event.n, (attempts.get(event.n) ?? 0) + 1);
        if (event.poison && !fixed) throw new Error(`cannot project item ${event.n}`);
        handled.push(event.n);
      },
    });
    runners.push(runner);
    await runner.start();

    const subject = `${id}.evt.${name}.thing`;
    await bed.publisher.publishJson(subject, { n: 0, poison: true }, { msgId: `${name}-0`, headers: { 'x-origin': 'test' } });
    for (let n = 1; n <= 5; n++) await bed.publisher.publishJson(subject, { n }, { msgId: `${name}-${n}` });

    const dlq = new DeadLetters(bed.nc, topology.deadLetters);
    const page = await eventually(async () => {
      const p = await dlq.list({ consumer: name });
      expect(p.items).toHaveLength(1);
      return p;
    }, 15_000);
    // The others went through even though the first message kept failing.
    await eventually(() => expect([...handled].sort()).toEqual([1, 2, 3, 4, 5]));
    expect(attempts.get(0)).toBe(3);

    const { record, seq } = page.items[0];
    expect(record).toMatchObject({
      consumer: name,
      stream: topology.events.name,
      subject,
      deliveryCount: 3,
      error: 'cannot project item 0',
    });
    expect(JSON.parse(Buffer.from(record.data, 'base64').toString('utf8'))).toEqual({ n: 0, poison: true });
    expect(record.headers['x-origin']).toEqual(['test']);
    expect(record.headers['Nats-Msg-Id']).toEqual([`${name}-0`]);
    // Only this consumer's dead letters are listed under its name.
    expect((await dlq.list({ consumer: 'someone-else' })).items).toHaveLength(0);

    // The original is settled (terminated), not waiting for another delivery.
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(topology.events.name, name);
      expect(ci.num_ack_pending).toBe(0);
      expect(ci.num_pending).toBe(0);
    });
    // On /metrics: two retries and the dead letter of the poison message, two redeliveries, five acked.
    const sample = async (metric: string, labels: Record<string, string>) =>
      (await metricSample(metric, { consumer: name, ...labels })) ?? 0;
    expect(await sample('nats_consumer_messages_total', { outcome: 'retried' })).toBe(2);
    expect(await sample('nats_consumer_messages_total', { outcome: 'dead_lettered' })).toBe(1);
    expect(await sample('nats_consumer_messages_total', { outcome: 'acked' })).toBe(5);
    expect(await sample('nats_consumer_redeliveries_total', {})).toBe(2);

    fixed = true;
    const result = await dlq.replay(seq);
    expect(result.republished.duplicate).toBe(false);
    await eventually(() => expect(handled.filter((n) => n === 0)).toHaveLength(1));
    expect((await dlq.list({ consumer: name })).items).toHaveLength(0);

    const replayed = await jsm.streams.getMessage(topology.events.name, { seq: result.republished.seq });
    expect(replayed.header.get(REPLAY_OF_HEADER)).toBe(`${topology.deadLetters.name}/${seq}`);
    expect(replayed.header.get('x-origin')).toBe('test');
    const record2 = await jsm.streams.getMessage(topology.deadLetters.name, { last_by_subj: replaySubject(dlqPrefix, name) });
    expect(record2.json()).toMatchObject({ consumer: name, deadLetterSequence: seq });
    // A second replay of the same (now removed) dead letter is refused.
    await expect(dlq.replay(seq)).rejects.toThrow();
  });

  it('a handler slower than the ack wait is not redelivered while it runs (in-progress acks)', async () => {
    const name = 'slow';
    const spec = consumerSpec(name, { ackWaitMs: 1000, maxDeliver: 5 });
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    const deliveries: number[] = [];
    const runner = new JetStreamConsumerRunner({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: dlqPrefix,
      logger: quietLogger,
      concurrency: 4, // room for a redelivered copy to run beside the first
      handler: async (_event, ctx) => {
        deliveries.push(ctx.deliveryCount);
        await new Promise((r) => setTimeout(r, 3500));
      },
    });
    runners.push(runner);
    await runner.start();
    await bed.publisher.publishJson(`${id}.evt.${name}.x`, { n: 1 });
    // Done: handled and acked, nothing left to deliver.
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(spec.stream, name);
      expect([deliveries.length > 0, ci.num_pending, ci.num_ack_pending]).toEqual([true, 0, 0]);
    }, 10_000);
    expect(deliveries).toEqual([1]); // without: [1, 2, 3, 4] (a copy every second)
  });

  it('messages waiting behind a slow handler are not pulled early: none outlives its ack wait, a second runner takes a share', async () => {
    const name = 'backlog';
    const spec = consumerSpec(name, { ackWaitMs: 1000, maxDeliver: 5 });
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    const deliveries: Array<{ runner: number; n: number; count: number }> = [];
    const startRunner = async (runner: number) => {
      const r = new JetStreamConsumerRunner<{ n: number }>({
        nc: bed.nc,
        consumer: spec,
        deadLetterSubjectPrefix: dlqPrefix,
        logger: quietLogger,
        handler: async (event, ctx) => {
          deliveries.push({ runner, n: event.n, count: ctx.deliveryCount });
          await new Promise((r) => setTimeout(r, 600));
        },
      });
      runners.push(r);
      await r.start();
    };
    await startRunner(1);
    for (let n = 0; n < 8; n++) await bed.publisher.publishJson(`${id}.evt.${name}.x`, { n });
    await new Promise((r) => setTimeout(r, 300));
    await startRunner(2);
    const jsm = await bed.nc.jetstreamManager();
    await eventually(async () => {
      const ci = await jsm.consumers.info(spec.stream, name);
      expect([deliveries.length >= 8, ci.num_pending, ci.num_ack_pending]).toEqual([true, 0, 0]);
    }, 20_000);
    // Without: consume() had pulled all eight into the first runner's buffer, where they waited
    // past the 1 s ack wait and came again (delivery counts 2, 3, ...) while the second runner idled.
    expect(deliveries.map((d) => d.count)).toEqual(Array(8).fill(1));
    expect([...new Set(deliveries.map((d) => d.n))].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(deliveries.filter((d) => d.runner === 2).length).toBeGreaterThanOrEqual(2);
  });

  it('pages through dead letters', async () => {
    const name = 'paging';
    const spec = consumerSpec(name, { maxDeliver: 1 });
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    const runner = new JetStreamConsumerRunner({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: dlqPrefix,
      logger: quietLogger,
      handler: async () => {
        throw new Error('always');
      },
    });
    runners.push(runner);
    await runner.start();
    for (let n = 0; n < 5; n++) await bed.publisher.publishJson(`${id}.evt.${name}.x`, { n });

    const dlq = new DeadLetters(bed.nc, topology.deadLetters);
    await eventually(async () => expect((await dlq.list({ consumer: name, limit: 100 })).items).toHaveLength(5), 10_000);
    const first = await dlq.list({ consumer: name, limit: 2 });
    const second = await dlq.list({ consumer: name, limit: 2, fromSeq: first.nextSeq });
    const third = await dlq.list({ consumer: name, limit: 2, fromSeq: second.nextSeq });
    const all = [...first.items, ...second.items, ...third.items].map((d) => JSON.parse(Buffer.from(d.record.data, 'base64').toString()).n);
    expect(all).toEqual([0, 1, 2, 3, 4]);
    expect(third.nextSeq).toBeUndefined();
  });

  it('runs the handler inside the publisher trace, in a CONSUMER span', async () => {
    const name = 'traced';
    const spec = consumerSpec(name);
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    const seen: Array<{ traceId?: string; headerTraceparent?: string }> = [];
    const runner = new JetStreamConsumerRunner({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: dlqPrefix,
      logger: quietLogger,
      handler: async (_event, ctx) => {
        seen.push({ traceId: trace.getActiveSpan()?.spanContext().traceId, headerTraceparent: ctx.headers?.get('traceparent') });
      },
    });
    runners.push(runner);
    await runner.start();

    const tracer = trace.getTracer('test');
    const producer = tracer.startSpan('produce', { kind: SpanKind.PRODUCER });
    await context.with(trace.setSpan(context.active(), producer), () => bed.publisher.publishJson(`${id}.evt.${name}.x`, { n: 1 }));
    producer.end();

    await eventually(() => expect(seen).toHaveLength(1));
    const producerCtx = producer.spanContext();
    expect(seen[0].traceId).toBe(producerCtx.traceId);
    expect(seen[0].headerTraceparent).toContain(producerCtx.traceId);
    const consumerSpan = await eventually(() => {
      const s = exporter.getFinishedSpans().find((x) => x.kind === SpanKind.CONSUMER && x.name === `${id}.evt.${name}.x process`);
      expect(s).toBeDefined();
      return s!;
    });
    expect(consumerSpan.spanContext().traceId).toBe(producerCtx.traceId);
    expect(consumerSpan.parentSpanContext?.spanId).toBe(producerCtx.spanId);
  });
});
