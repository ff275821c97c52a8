import { eventually, uniqueId } from '@adminduk/testing';
import { DeadLetters } from './dead-letters';
import { JetStreamConsumerRunner } from './jetstream-consumer';
import { ensureJetStream, type DurableConsumerSpec } from './jetstream-setup';
import { jetStreamTestbed, quietLogger } from './testing/jetstream-testbed';

jest.setTimeout(60_000);

/** A handler's error may say retrying cannot help, or when to retry (RetryHint, dead-letter-message.ts). */
describe('JetStream consumer: retry hints of a handler error (real NATS)', () => {
  const id = uniqueId('hint');
  const bed = jetStreamTestbed(id, { events: `EV_${id}`, deadLetters: `DLQ_${id}` });
  const { topology, runners } = bed;

  async function run(name: string, handler: (n: number, delivery: number) => Promise<void>) {
    const spec: DurableConsumerSpec = {
      stream: topology.events.name,
      durable: name,
      filterSubject: `${id}.evt.${name}.>`,
      maxDeliver: 5,
      ackWaitMs: 10_000,
    };
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    const runner = new JetStreamConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      nakBackoff: { baseMs: 5_000, maxMs: 5_000 }, // long: a hint that works does not wait for it
      logger: quietLogger,
      handler: (e, ctx) => handler(e.n, ctx.deliveryCount),
    });
    runners.push(runner);
    await runner.start();
    await bed.publisher.publishJson(`${id}.evt.${name}.x`, { n: 1 }, { msgId: `${name}-1` });
  }

  it('permanent: dead-lettered on the first delivery, with the reason', async () => {
    let deliveries = 0;
    await run('permanent', async () => {
      deliveries++;
      throw Object.assign(new Error('SMTP server refused the message (550): mailbox unavailable'), { permanent: true });
    });
    const dlq = new DeadLetters(bed.nc, topology.deadLetters);
    const page = await eventually(async () => {
      const p = await dlq.list({ consumer: 'permanent' });
      expect(p.items).toHaveLength(1);
      return p;
    }, 10_000);
    expect(page.items[0].record).toMatchObject({ deliveryCount: 1, error: 'SMTP server refused the message (550): mailbox unavailable' });
    expect(deliveries).toBe(1);
  });

  it('retryAfterMs: redelivered after that delay instead of the backoff', async () => {
    const at: number[] = [];
    await run('after', async (_n, delivery) => {
      at.push(Date.now());
      if (delivery === 1) throw Object.assign(new Error('claimed elsewhere'), { retryAfterMs: 300 });
    });
    await eventually(() => expect(at).toHaveLength(2), 4_000);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(250);
    expect(at[1] - at[0]).toBeLessThan(3_000); // not the 5 s backoff
  });
});
