import { applicationStreamId } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { eventually } from '@adminduk/testing';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

describe('walking skeleton: HTTP -> intake -> store -> relay -> JetStream -> projection -> HTTP', () => {
  let platform: InProcessPlatform;
  let operator: string;
  let otherOperator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = await platform.token('operator.balongbendo');
    otherOperator = await platform.token('operator.tarik');
  });
  afterAll(() => platform?.close());

  const post = (token: string, body: unknown, key: string) =>
    fetch(`${platform.gatewayUrl}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const list = (token: string) => fetch(`${platform.gatewayUrl}/api/applications`, { headers: { authorization: `Bearer ${token}` } });

  it('shows a counter submission to an operator of that kecamatan, not to another', async () => {
    const res = await post(operator, counterSubmission(), 'skeleton-key-0001');
    expect(res.status).toBe(201);
    const created = (await res.json()) as { applicationId: string; status: { code: string } };
    expect(created.status.code).toBe('submitted');

    const items = await eventually(async () => {
      const r = (await (await list(operator)).json()) as { items: { applicationId: string; bucket: string; channel: string }[] };
      const found = r.items.find((i) => i.applicationId === created.applicationId);
      if (!found) throw new Error('not projected yet');
      return found;
    });
    expect(items.bucket).toBe('to-verify');
    expect(items.channel).toBe('tatap-muka');

    const other = (await (await list(otherOperator)).json()) as { items: { applicationId: string }[] };
    expect(other.items.map((i) => i.applicationId)).not.toContain(created.applicationId);
    const direct = await fetch(`${platform.gatewayUrl}/api/applications/${created.applicationId}`, {
      headers: { authorization: `Bearer ${otherOperator}` },
    });
    expect(direct.status).toBe(403);
  });

  it('returns the first outcome for a retried command and appends nothing twice', async () => {
    const first = (await (await post(operator, counterSubmission(), 'skeleton-key-0002')).json()) as {
      applicationId: string;
      replayed: boolean;
      events: string[];
    };
    expect(first.replayed).toBe(false);
    const again = await post(operator, counterSubmission(), 'skeleton-key-0002');
    expect(again.status).toBe(201);
    const second = (await again.json()) as { applicationId: string; replayed: boolean; events: string[] };
    expect(second.applicationId).toBe(first.applicationId);
    expect(second.replayed).toBe(true);
    expect(second.events).toEqual(first.events);
    expect(second.events[0]).toBe('ApplicationSubmitted');
    const store = await PostgresEventStore.create({ connectionString: platform.schema.url });
    try {
      const stored = await store.readStream(applicationStreamId(first.applicationId));
      expect(stored.map((e) => e.type)).toEqual(first.events);
    } finally {
      await store.close();
    }
  });

  it("keeps the caller's correlation id (X-Correlation-Id, else X-Request-Id) in the stored events", async () => {
    const submit = (key: string, headers: Record<string, string>) =>
      fetch(`${platform.gatewayUrl}/api/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': key, ...headers },
        body: JSON.stringify(counterSubmission()),
      });
    const cases: { key: string; headers: Record<string, string>; expected: string }[] = [
      {
        key: 'skeleton-key-0003',
        headers: { 'x-correlation-id': 'corr-walking-1', 'x-request-id': 'req-ignored' },
        expected: 'corr-walking-1',
      },
      { key: 'skeleton-key-0004', headers: { 'x-request-id': 'req-walking-2' }, expected: 'req-walking-2' },
    ];
    const store = await PostgresEventStore.create({ connectionString: platform.schema.url });
    try {
      for (const c of cases) {
        const res = await submit(c.key, c.headers);
        expect(res.status).toBe(201);
        const { applicationId } = (await res.json()) as { applicationId: string };
        const stored = await store.readStream(applicationStreamId(applicationId));
        expect(stored.length).toBeGreaterThan(0);
        expect(new Set(stored.map((e) => e.metadata.correlationId))).toEqual(new Set([c.expected]));
      }
    } finally {
      await store.close();
    }
  });

  it('refuses an operator submitting for another kecamatan', async () => {
    const res = await post(otherOperator, counterSubmission('35.15.12'), 'skeleton-key-0003');
    expect(res.status).toBe(403);
  });
});
