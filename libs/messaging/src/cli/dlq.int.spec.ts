import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from 'nats';
import { eventually, testEnv, uniqueId, testNatsOptions, testBusSeed } from '@adminduk/testing';
import { JetStreamConsumerRunner } from '../jetstream-consumer';
import { JetStreamPublisher } from '../jetstream-publisher';
import { ensureJetStream, messagingTopology, type DurableConsumerSpec } from '../jetstream-setup';

jest.setTimeout(90_000);
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../../..');

describe('dlq CLI', () => {
  const id = uniqueId('dlqcli');
  const topology = messagingTopology({
    eventsStream: `EV_${id}`,
    eventsSubjectPrefix: `${id}.evt`,
    deadLetterStream: `DLQ_${id}`,
    deadLetterSubjectPrefix: `${id}.dlq`,
  });
  const spec: DurableConsumerSpec = {
    stream: topology.events.name,
    durable: 'cli_target',
    filterSubject: `${id}.evt.>`,
    maxDeliver: 1,
    ackWaitMs: 10_000,
  };
  let nc: NatsConnection;
  let runner: JetStreamConsumerRunner<{ n: number }>;
  let fixed = false;
  const handled: number[] = [];

  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/src/cli/dlq.ts', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NATS_URL: testEnv.natsUrl,
        NATS_NKEY_SEED: testBusSeed('ops'),
        DEAD_LETTER_STREAM: topology.deadLetters.name,
        DEAD_LETTER_SUBJECT_PREFIX: topology.deadLetters.subjectPrefix,
      },
    });
    return stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  beforeAll(async () => {
    nc = await connect(testNatsOptions());
    await ensureJetStream(nc, { streams: [topology.events, topology.deadLetters], consumers: [spec] });
    runner = new JetStreamConsumerRunner({
      nc,
      consumer: spec,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      handler: async (e) => {
        if (!fixed) throw new Error('projection table missing');
        handled.push(e.n);
      },
    });
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(topology.events.name).catch(() => undefined);
    await jsm.streams.delete(topology.deadLetters.name).catch(() => undefined);
    await nc.drain();
  });

  it('lists dead letters without their payload and replays one by sequence', async () => {
    await new JetStreamPublisher(nc).publishJson(`${id}.evt.thing`, { n: 42 }, { msgId: 'cli-42' });
    const listed = await eventually(
      async () => {
        const lines = await cli('list', '--consumer', 'cli_target');
        expect(lines).toHaveLength(1);
        return lines;
      },
      60_000,
      500,
    );
    expect(listed[0]).toMatchObject({
      consumer: 'cli_target',
      error: 'projection table missing',
      deliveryCount: 1,
      subject: `${id}.evt.thing`,
    });
    expect(listed[0]).not.toHaveProperty('data');

    fixed = true;
    const [replayed] = await cli('replay', String(listed[0].seq));
    expect(replayed).toMatchObject({ replayed: listed[0].seq, stream: topology.events.name, duplicate: false });
    await eventually(() => expect(handled).toEqual([42]));
    expect(await cli('list')).toEqual([]);
  });
});
