/**
 * Relay benchmark (issue 2, item 11).
 *
 * 1. Baseline: raw JetStream async publishes (msg id set, up to 512 in flight) of an event-sized
 *    payload, to know the ceiling on this machine in this run: through the nats client's
 *    js.publish, and through PipelinedJetStreamPublisher (what the relay uses).
 * 2. Throughput: N events are appended first, then a relay process is started and timed draining
 *    them into JetStream (wall clock from the relay taking its lock to the last event stored, and
 *    JetStream's own first-to-last stored timestamps).
 * 3. Lag: with the relay caught up, events are appended at a steady 500/s for ~10 s; a core NATS
 *    subscription on the relay's subjects records when each one arrives; lag = arrival time minus
 *    the time its append committed. Reports p50/p95/p99/max.
 *
 *   node -r @swc-node/register bench/relay.bench.ts
 *
 * Env: BENCH_DATABASE_URL, BENCH_NATS_URL, BENCH_RELAY_EVENTS (default 20000), BENCH_LAG_RATE (500),
 * BENCH_LAG_SECONDS (10). Writes bench/results/relay.json. Targets: >= 3,000 events/s; p99 <= 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection, type PubAck } from 'nats';
import { PostgresEventStore, encodeWireEvent, type RecordedEvent } from '@adminduk/event-store';
import { round, sampleEvent } from './lib/bench-kit';
import { peakRssMb } from './lib/process-cpu';
import { PipelinedJetStreamPublisher, ensureJetStream } from '@adminduk/messaging';
import { createTestSchema, testBusSeed, testEnv, testNatsOptions, uniqueId } from '@adminduk/testing';
import { RelayProcess } from '@adminduk/relay/testing';

/** The project's test bus (its users and permissions), unless BENCH_NATS_URL names an open server. */
const natsUrl = process.env.BENCH_NATS_URL ?? testEnv.natsUrl;
const onTestBus = !process.env.BENCH_NATS_URL;
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const drainEvents = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
const lagRate = Number(process.env.BENCH_LAG_RATE ?? 500);
/** Events carry a stored traceparent, as real ones do, so the relay's span work is measured too. */
const newEvent = (i: number) => sampleEvent(i, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });

const lagSeconds = Number(process.env.BENCH_LAG_SECONDS ?? 10);
const TARGET_RATE = 3000;
const TARGET_P99_MS = 100;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await sleep(intervalMs);
  }
}

/** CPU seconds (user + system) a process has used, from /proc; null where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return null;
  }
}

async function storedCount(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  return (await jsm.streams.info(stream)).state.messages;
}

/** Raw JetStream publishes, pipelined like the relay's, on an event-sized payload. */
async function rawPublish(nc: NatsConnection, id: string, n: number) {
  const stream = `BENCH_RAW_${id}`;
  await ensureJetStream(nc, { streams: [{ name: stream, subjects: [`${id}.raw.>`], duplicateWindowMs: 120_000 }] });
  const sample: RecordedEvent = {
    ...newEvent(0),
    streamId: 'application-x',
    revision: 0,
    position: { commit: 1n, prepare: 1n },
    metadata: { ...newEvent(0).metadata, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) },
  };
  const payload = encodeWireEvent(sample);
  const js = nc.jetstream();
  const fast = new PipelinedJetStreamPublisher(nc);
  const run = async (publish: (h: ReturnType<typeof natsHeaders>) => Promise<PubAck>) => {
    const inFlight: Promise<PubAck>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const h = natsHeaders();
      h.set('traceparent', sample.metadata.traceparent!);
      inFlight.push(publish(h));
      if (inFlight.length >= 512) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const seconds = (performance.now() - t0) / 1000;
    return { events: n, payloadBytes: payload.length, seconds: round(seconds, 3), eventsPerSecond: Math.round(n / seconds) };
  };
  const subject = `${id}.raw.351512.application.KkApplicationSubmitted`;
  // The nats client's own js.publish, then the lean publisher the relay uses, same payload and window.
  const client = await run((h) => js.publish(subject, payload, { msgID: randomUUID(), headers: h }));
  const pipelined = await run((h) => fast.publish(subject, payload, { msgId: randomUUID(), headers: h }));
  fast.close();
  await (await nc.jetstreamManager()).streams.delete(stream);
  return { client, pipelined };
}

async function appendBulk(store: PostgresEventStore, total: number, perStream = 100): Promise<void> {
  const streams = Math.ceil(total / perStream);
  let next = 0;
  const worker = async () => {
    for (let s = next++; s < streams; s = next++) {
      const count = Math.min(perStream, total - s * perStream);
      await store.appendToStream(
        `application-${randomUUID()}`,
        Array.from({ length: count }, (_, i) => newEvent(i)),
        'no_stream',
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function main() {
  const id = uniqueId('bench').replace(/-/g, '_');
  const stream = `BENCH_RELAY_${id}`;
  const prefix = `${id}.evt`;
  const nc = await connect(onTestBus ? testNatsOptions('relay-bench') : { servers: natsUrl, name: 'relay-bench' });
  const schema = await createTestSchema('bench_relay');
  const store = await PostgresEventStore.create({ connectionString: schema.url });
  let relay: RelayProcess | undefined;
  try {
    process.stdout.write(`raw JetStream publish of ${drainEvents} events...\n`);
    const raw = await rawPublish(nc, id, drainEvents);

    process.stdout.write(`appending ${drainEvents} events, then timing the relay draining them...\n`);
    await appendBulk(store, drainEvents);
    relay = RelayProcess.start({
      DATABASE_URL: schema.url,
      NATS_URL: natsUrl,
      ...(onTestBus ? { NATS_NKEY_SEED: testBusSeed('relay') } : {}),
      RELAY_EVENTS_STREAM: stream,
      RELAY_SUBJECT_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    });
    // The relay logs at warn here, so "active" shows as the stream appearing and filling.
    await until(async () => (await storedCount(nc, stream).catch(() => 0)) > 0, 60_000, 5);
    const t0 = performance.now();
    const cpu0 = cpuSeconds(relay.child.pid);
    await until(async () => (await storedCount(nc, stream)) >= drainEvents, 120_000, 10);
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds(relay.child.pid);
    const relayCpuSeconds = cpu0 !== null && cpu1 !== null ? round(cpu1 - cpu0, 2) : null;
    const jsm = await nc.jetstreamManager();
    const first = await jsm.streams.getMessage(stream, { seq: 1 });
    const last = await jsm.streams.getMessage(stream, { seq: drainEvents });
    const serverSeconds = (last.time.getTime() - first.time.getTime()) / 1000;
    const drain = {
      events: drainEvents,
      wallSeconds: round(wallSeconds, 3),
      eventsPerSecond: Math.round((drainEvents - 1) / wallSeconds),
      jetStreamFirstToLastSeconds: round(serverSeconds, 3),
      eventsPerSecondByJetStreamTimestamps: Math.round((drainEvents - 1) / serverSeconds),
      // Load-independent cost: what the relay process itself spent (a busy machine slows wall time).
      relayCpuSeconds,
      eventsPerRelayCpuSecond: relayCpuSeconds ? Math.round(drainEvents / relayCpuSeconds) : null,
      // The relay process's peak resident memory so far (from sources through SWC: about 60 MB above the image).
      relayPeakRssMb: peakRssMb(relay.child.pid),
      loadAverage1m: round(loadavg()[0], 2),
      target: TARGET_RATE,
    };

    process.stdout.write(`steady ${lagRate} events/s for ${lagSeconds} s, measuring store-to-JetStream lag...\n`);
    const arrived = new Map<string, number>();
    const sub = nc.subscribe(`${prefix}.>`, {
      callback: (_err, m) => {
        const msgId = m.headers?.get('Nats-Msg-Id');
        if (msgId) arrived.set(msgId, performance.now());
      },
    });
    await nc.flush();
    const committed = new Map<string, number>();
    const total = lagRate * lagSeconds;
    const writers = 8;
    const streamIds = Array.from({ length: writers }, () => `application-${randomUUID()}`);
    const revisions = new Array<number>(writers).fill(-1);
    const chains: Promise<void>[] = new Array(writers).fill(Promise.resolve());
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / lagRate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const w = i % writers;
      const e = newEvent(i);
      // Each writer owns a stream and appends in order; the writers run side by side.
      chains[w] = chains[w].then(async () => {
        const expected = revisions[w] < 0 ? ('no_stream' as const) : { revision: revisions[w] };
        await store.appendToStream(streamIds[w], [e], expected);
        committed.set(e.metadata.eventId, performance.now());
        revisions[w]++;
      });
    }
    await Promise.all(chains);
    const appendSeconds = (performance.now() - start) / 1000;
    await until(() => arrived.size >= committed.size, 30_000, 20);
    sub.unsubscribe();
    const lags = [...committed].map(([eventId, t]) => arrived.get(eventId)! - t);
    const lag = {
      targetRate: lagRate,
      achievedRate: Math.round(total / appendSeconds),
      events: lags.length,
      p50Ms: round(percentile(lags, 50), 1),
      p95Ms: round(percentile(lags, 95), 1),
      p99Ms: round(percentile(lags, 99), 1),
      maxMs: round(Math.max(...lags), 1),
      targetP99Ms: TARGET_P99_MS,
    };

    const result = {
      benchmark: 'relay',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      rawJetStreamPublish: raw,
      relayDrain: {
        ...drain,
        ratioToRawPipelinedPublish: round(drain.eventsPerSecond / raw.pipelined.eventsPerSecond, 2),
        pass: drain.eventsPerSecond >= TARGET_RATE,
      },
      steadyLag: { ...lag, pass: lag.p99Ms <= TARGET_P99_MS },
    };

    console.log('\nRelay: store -> JetStream (%d cores, Node %s)\n', cpus().length, process.version);
    console.table({
      'raw publish, nats js.publish': {
        'events/s': raw.client.eventsPerSecond,
        events: raw.client.events,
        'p99 lag ms': '',
        target: '',
        pass: '',
      },
      'raw publish, relay publisher': {
        'events/s': raw.pipelined.eventsPerSecond,
        events: raw.pipelined.events,
        'p99 lag ms': '',
        target: '',
        pass: '',
      },
      'relay drain (wall)': {
        'events/s': drain.eventsPerSecond,
        events: drain.events,
        'p99 lag ms': '',
        target: `>= ${TARGET_RATE}/s`,
        pass: result.relayDrain.pass,
      },
      'relay drain (JetStream timestamps)': {
        'events/s': drain.eventsPerSecondByJetStreamTimestamps,
        events: drain.events,
        'p99 lag ms': '',
        target: '',
        pass: '',
      },
      [`steady ${lagRate}/s lag`]: {
        'events/s': lag.achievedRate,
        events: lag.events,
        'p99 lag ms': lag.p99Ms,
        target: `<= ${TARGET_P99_MS} ms`,
        pass: result.steadyLag.pass,
      },
    });
    console.log(
      'relay CPU: %s s for %d events (%s events per relay CPU-second); 1-min load average %s',
      drain.relayCpuSeconds,
      drain.events,
      drain.eventsPerRelayCpuSecond,
      drain.loadAverage1m,
    );
    console.log('lag p50 %s ms, p95 %s ms, p99 %s ms, max %s ms', lag.p50Ms, lag.p95Ms, lag.p99Ms, lag.maxMs);

    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'relay.json');
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written ${file}`);
  } finally {
    await relay?.kill('SIGTERM');
    await store.close();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await nc.drain();
    await schema.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
