import { eventually } from '@adminduk/testing';
import { everyServiceUrl, startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

const SERVICES = ['gateway', 'documents', 'signing', 'intake', 'verification', 'projections', 'relay', 'auth'];

/** One sample's value from a Prometheus text body, matched on the labels given (0 when absent). */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of body.split('\n')) {
    const m = line.match(/^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/i);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/**
 * Issue 10 item 6: every service serves Prometheus `/metrics` (the one registry, through the one
 * bootstrap), and after a submission has gone through, the families the runbook names carry it:
 * HTTP by route template, commands by type and outcome, consumer throughput and lag, projection
 * checkpoint age, the relay's publishes. In this harness the services share one process, hence one
 * registry; in production each process serves its own.
 */
describe('Prometheus /metrics on every service', () => {
  let platform: InProcessPlatform;
  let urls: Record<string, string>;
  let body: ReturnType<typeof counterSubmission>;
  let applicationId: string;
  let operator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, signing: {} });
    urls = everyServiceUrl(platform);
    operator = await platform.token('operator.balongbendo');
    body = counterSubmission();
    const res = await fetch(`${platform.gatewayUrl}/api/applications?nik=${body.applicant.nik}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'metrics-key-00001' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    applicationId = ((await res.json()) as { applicationId: string }).applicationId;
  });
  afterAll(() => platform?.close());

  it('every service answers /metrics in the Prometheus text format, without a token', async () => {
    expect(Object.keys(urls).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${urls[service]}/metrics`);
        const text = await res.text();
        expect([service, res.status, res.headers.get('content-type')]).toEqual([service, 200, expect.stringMatching(/^text\/plain/)]);
        expect([service, text]).toEqual([service, expect.stringMatching(/^# HELP http_server_request_duration_seconds /m)]);
      }
    }
  });

  it('after a submission: HTTP per route, the command, the consumers, the projection and the relay are counted', async () => {
    const scrape = async (service: string) => (await fetch(`${urls[service]}/metrics`)).text();
    // A route with a parameter: counted under its template, never under the id.
    const read = await fetch(`${platform.gatewayUrl}/api/applications/${applicationId}`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    await read.arrayBuffer();
    // The projection applies the event asynchronously: wait until the consumer has acked it.
    const text = await eventually(async () => {
      const t = await scrape('projections');
      expect(sample(t, 'nats_consumer_messages_total', { consumer: 'projections', outcome: 'acked' })).toBeGreaterThan(0);
      expect(sample(t, 'projection_checkpoint_age_seconds', { projection: 'application-view' })).toBeDefined();
      return t;
    }, 10_000);

    expect(
      sample(text, 'http_server_request_duration_seconds_count', { method: 'POST', route: '/api/applications', status_code: '201' }),
    ).toBe(1);
    expect(
      sample(text, 'http_server_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/applications/:id',
        status_code: String(read.status),
      }),
    ).toBe(1);
    expect(sample(text, 'commands_total', { command: 'SubmitApplication', outcome: 'accepted' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'command_duration_seconds_count', { command: 'SubmitApplication' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nats_consumer_pending_messages', { consumer: 'projections', state: 'undelivered' })).toBe(0);
    expect(sample(text, 'nats_consumer_redeliveries_total', { consumer: 'projections' }) ?? 0).toBe(0);
    expect(sample(text, 'projection_checkpoint_age_seconds', { projection: 'application-view' })).toBeLessThan(60);
    expect(sample(text, 'relay_events_published_total', {})).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'relay_active', {})).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total', {})).toBeGreaterThan(0);

    // Labels hold templates and names only: no personal data, no application id, no raw path or query.
    const personal = [body.applicant.nik, body.applicant.namaLengkap, body.applicant.telepon, body.family.noKk, body.newborn.nikIbu];
    for (const service of SERVICES) {
      const t = await scrape(service);
      expect([service, personal.filter((p) => t.includes(p))]).toEqual([service, []]);
      expect([service, t.includes(applicationId)]).toEqual([service, false]);
      expect([service, t.includes('nik=')]).toEqual([service, false]);
    }
  });
});
