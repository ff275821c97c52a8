import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestSchema,
  eventually,
  freePort,
  httpStatus,
  namespacedPlatformEnv,
  ServiceProcess,
  platformProcessEnv,
  TcpForwarder,
  testBusEnv,
  testEnv,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';
import { counterSubmission } from './testing/submission-fixture';

/** The platform as it runs for real: every service its own OS process. */
describe('platform as separate processes', () => {
  const procs: ServiceProcess[] = [];
  const forwarders: TcpForwarder[] = [];
  let schema: TestSchema;
  const ns = uniqueId('proc');

  beforeAll(async () => {
    schema = await createTestSchema('processes');
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await Promise.all(forwarders.map((f) => f.down()));
    await schema?.drop();
  });

  const namespaceEnv = () => namespacedPlatformEnv(ns);

  it('a POST at the gateway is visible to an operator of that kecamatan through GET, and not to another', async () => {
    const ports = {
      auth: await freePort(),
      intake: await freePort(),
      projections: await freePort(),
      relay: await freePort(),
      gateway: await freePort(),
    };
    const issuer = `http://127.0.0.1:${ports.auth}`;
    const common = platformProcessEnv({ namespace: ns, databaseUrl: schema.url, issuer });
    const start = (name: string, port: number, extra: Record<string, string> = {}) => {
      const p = ServiceProcess.start(name, `services/${name}/src/main.ts`, {
        ...common,
        ...testBusEnv(name),
        PORT: String(port),
        ...extra,
      });
      procs.push(p);
      return p;
    };
    start('auth-dev', ports.auth, { AUTH_DEV_KEY_DIR: mkdtempSync(path.join(tmpdir(), 'auth-dev-')) });
    start('intake', ports.intake);
    start('projections', ports.projections);
    start('relay', ports.relay);
    start('gateway', ports.gateway);
    for (const port of Object.values(ports)) {
      await eventually(async () => expect(await httpStatus(`http://127.0.0.1:${port}/health/ready`)).toBe(200), 60_000, 200);
    }

    const token = async (username: string) => {
      const r = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      return ((await r.json()) as { access_token: string }).access_token;
    };
    const operator = await token('operator.balongbendo');
    const other = await token('operator.tarik');
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    const res = await fetch(`${gateway}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': `${ns}-submit` },
      body: JSON.stringify(counterSubmission()),
    });
    expect(res.status).toBe(201);
    const { applicationId } = (await res.json()) as { applicationId: string };
    const ids = async (t: string) =>
      (
        (await (await fetch(`${gateway}/api/applications`, { headers: { authorization: `Bearer ${t}` } })).json()) as {
          items: { applicationId: string }[];
        }
      ).items.map((i) => i.applicationId);
    await eventually(async () => expect(await ids(operator)).toContain(applicationId), 10_000);
    expect(await ids(other)).not.toContain(applicationId);
  });

  it('a service started while PostgreSQL and NATS are down is live, not ready, says so once, and becomes ready when they come up', async () => {
    const pg = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: 5432 });
    const nats = new TcpForwarder(await freePort(), { host: '127.0.0.1', port: Number(new URL(testEnv.natsUrl).port) });
    forwarders.push(pg, nats);
    const port = await freePort();
    const url = new URL(schema.url);
    url.port = String(pg.port);
    const projections = ServiceProcess.start('projections', 'services/projections/src/main.ts', {
      ...namespaceEnv(),
      ...testBusEnv('projections'),
      PORT: String(port),
      DATABASE_URL: url.toString(),
      NATS_URL: `nats://127.0.0.1:${nats.port}`,
    });
    procs.push(projections);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect(await httpStatus(`${base}/health/live`)).toBe(200), 30_000, 200);
    expect(await httpStatus(`${base}/health/ready`)).toBe(503);
    await eventually(() => expect(projections.lines('postgres is not reachable')).toHaveLength(1), 10_000);
    // Still retrying a while later, yet still one line: no log flood.
    await new Promise((r) => setTimeout(r, 1500));
    expect(projections.lines('postgres is not reachable')).toHaveLength(1);

    await pg.up();
    await nats.up();
    await eventually(async () => expect(await httpStatus(`${base}/health/ready`)).toBe(200), 30_000, 200);
    expect(projections.lines('postgres is up')).toHaveLength(1);
  });
});
