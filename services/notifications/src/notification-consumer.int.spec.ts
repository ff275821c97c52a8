import { connect, type NatsConnection } from 'nats';
import {
  createTestSchema,
  eventually,
  freePort,
  TcpForwarder,
  testEnv,
  testNatsOptions,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';
import { NOTIFICATIONS_COMPLAINT_DURABLE, NOTIFICATIONS_DURABLE, NOTIFICATIONS_SURVEY_DURABLE } from './notification-consumer';
import { startNotifications, type NotificationsUnderTest } from './testing/notifications-harness';

/**
 * The service's three consumers share ONE NATS connection: the service reaches the test bus only
 * through a TCP forwarder, which counts the connections it passes on. Real bus, real PostgreSQL.
 */
describe('NotificationConsumer: one NATS connection for every consumer', () => {
  let schema: TestSchema;
  let forwarder: TcpForwarder;
  let nc: NatsConnection;
  let service: NotificationsUnderTest | undefined;
  const ns = uniqueId('notify_conn');

  beforeAll(async () => {
    schema = await createTestSchema('notify_conn');
    const bus = new URL(testEnv.natsUrl);
    forwarder = new TcpForwarder(await freePort(), { host: bus.hostname, port: Number(bus.port) });
    await forwarder.up();
    nc = await connect(testNatsOptions());
  });
  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await forwarder?.down();
    await schema?.drop();
  });

  it('runs the three durable consumers on one connection, one `nats` check; shutdown closes it', async () => {
    service = await startNotifications({
      namespace: ns,
      databaseUrl: schema.url,
      env: { NATS_URL: `nats://127.0.0.1:${forwarder.port}` },
    });

    // One connection held for all three consumers. (A connect attempt that timed out on a loaded
    // machine and was dialled again is counted by `accepted`, never held: `open` is the invariant.)
    await eventually(() => expect(forwarder.open).toBe(1), 5_000, 50);
    const jsm = await nc.jetstreamManager();
    const durables: string[] = [];
    for await (const info of jsm.consumers.list(`${ns}_EVENTS`)) durables.push(info.name);
    expect(durables.sort()).toEqual([NOTIFICATIONS_DURABLE, NOTIFICATIONS_COMPLAINT_DURABLE, NOTIFICATIONS_SURVEY_DURABLE].sort());

    const address = service.app.getHttpServer().address() as { port: number };
    const ready = (await (await fetch(`http://127.0.0.1:${address.port}/health/ready`)).json()) as { checks: Record<string, string> };
    expect(Object.keys(ready.checks).filter((c) => c.startsWith('nats'))).toEqual(['nats']);

    const dialled = forwarder.accepted;
    await service.close();
    service = undefined;
    await eventually(() => expect(forwarder.open).toBe(0), 5_000, 50);
    // Shutdown closes it and dials nothing new.
    expect(forwarder.accepted).toBe(dialled);
  });
});
