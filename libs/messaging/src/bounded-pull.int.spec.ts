import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { eventually, testBusSeed, testEnv, uniqueId } from '@adminduk/testing';
import { JetStreamConsumerRunner } from './jetstream-consumer';
import { ensureJetStream, type DurableConsumerSpec } from './jetstream-setup';
import { PULL_EXPIRES_MS } from './bounded-pull';
import { jetStreamTestbed, quietLogger } from './testing/jetstream-testbed';

jest.setTimeout(60_000);

/** A publisher in another process: it publishes one message on "go", also while this process stands still. */
function outsidePublisher(subject: string): ChildProcessWithoutNullStreams {
  const script = `
    const { connect, nkeyAuthenticator } = require('nats');
    (async () => {
      const nc = await connect({ servers: process.env.NATS_URL, authenticator: nkeyAuthenticator(new TextEncoder().encode(process.env.NATS_SEED)) });
      const js = nc.jetstream();
      process.stdin.on('data', async () => {
        await js.publish(process.env.SUBJECT, JSON.stringify({ n: 1 }), { msgId: 'outside-1' });
        process.stdout.write('published\\n');
      });
      process.stdout.write('ready\\n');
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return spawn(process.execPath, ['-e', script], {
    env: { ...process.env, NATS_URL: testEnv.natsUrl, NATS_SEED: testBusSeed('test'), SUBJECT: subject },
  });
}

/** Blocks this process's event loop, as a long GC pause, a CPU-starved pod or SIGSTOP/SIGCONT would. */
function standStill(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: no timer, no socket read
  }
}

describe('BoundedPull (real NATS)', () => {
  const id = uniqueId('pull');
  const bed = jetStreamTestbed(id, { events: `EVP_${id}`, deadLetters: `DLQP_${id}` });
  const { topology, runners } = bed;
  let child: ChildProcessWithoutNullStreams | undefined;

  afterAll(() => child?.kill());

  it('a message the server delivered while the process stood still past the pull expiry is handled at once, not after its ack wait', async () => {
    const spec: DurableConsumerSpec = {
      stream: topology.events.name,
      durable: 'stall',
      filterSubject: `${id}.evt.stall.>`,
      maxDeliver: -1,
      ackWaitMs: 10_000,
      maxAckPending: 10,
    };
    await ensureJetStream(bed.nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    child = outsidePublisher(`${id}.evt.stall.thing`);
    const lines: string[] = [];
    child.stdout.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
    await eventually(async () => expect(lines).toContain('ready'), 15_000);

    const handled: Array<{ n: number; at: number; count: number }> = [];
    const runner = new JetStreamConsumerRunner<{ n: number }>({
      nc: bed.nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      logger: quietLogger,
      handler: async (event, ctx) => void handled.push({ n: event.n, at: Date.now(), count: ctx.deliveryCount }),
    });
    runners.push(runner);
    await runner.start();
    await bed.publisher.publishJson(`${id}.evt.stall.thing`, { n: 0 }, { msgId: 'inside-0' });
    await eventually(async () => expect(handled.map((h) => h.n)).toEqual([0]), 10_000);
    await new Promise((r) => setTimeout(r, 100)); // the next pull is on the server

    // The outside process publishes; the server hands the message to the waiting pull while this
    // process stands still for longer than the pull lasts. Standing still in the check phase, the
    // loop next runs its timers (the pull's end) before it reads the socket (the message), the order
    // a SIGCONT'ed process sees too (epoll_wait is interrupted by the stop).
    child.stdin.write('go\n');
    let resumedAt = 0;
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        standStill(PULL_EXPIRES_MS + 700);
        resumedAt = Date.now();
        resolve();
      }),
    );
    await eventually(async () => expect(handled.map((h) => h.n)).toEqual([0, 1]), 20_000);
    expect(lines).toContain('published');
    // Before: the pull's client-side end dropped the message unread; it came again after its ack wait (10 s).
    expect(handled[1].at - resumedAt).toBeLessThan(2000);
    expect(handled[1].count).toBe(1);
  });
});
