import { InMemorySpanExporter } from '@adminduk/observability';
import { SpanKind } from '@opentelemetry/api';
import { eventually } from '@adminduk/testing';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

describe('observability across the platform', () => {
  const exporter = new InMemorySpanExporter();
  let platform: InProcessPlatform;
  let operator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ spanExporter: exporter, logLevel: 'debug' });
    operator = await platform.token('operator.balongbendo');
  });
  afterAll(() => platform?.close());

  it('one trace covers HTTP request -> command -> append -> relay -> consumer -> projection write, and no log line holds personal data', async () => {
    const body = counterSubmission();
    const res = await fetch(`${platform.gatewayUrl}/api/applications?nik=${body.applicant.nik}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'trace-key-00001' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);

    const spans = await eventually(() => {
      const all = exporter.getFinishedSpans();
      const server = all.find((s) => s.kind === SpanKind.SERVER && s.name.startsWith('POST /api/applications'));
      if (!server) throw new Error('no HTTP span yet');
      const inTrace = all.filter((s) => s.spanContext().traceId === server.spanContext().traceId);
      if (!inTrace.some((s) => s.name.startsWith('projection application-view'))) throw new Error('projection span not there yet');
      // The consumer's batch span ends after the projection's (it acks the messages after the commit).
      if (!inTrace.some((s) => s.name.endsWith(' process'))) throw new Error('consumer span not there yet');
      return inTrace;
    }, 10_000);
    const names = spans.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/api\/applications/),
        expect.stringMatching(/^command .*intake\.application\.submit$/),
        'event-store append',
        expect.stringMatching(/\.application\.ApplicationSubmitted publish$/), // the relay's PRODUCER span
        expect.stringMatching(/ process$/), // the JetStream consumer span, continued from the relayed headers
        'projection application-view apply',
      ]),
    );
    // Each hop is a child of the one before: the trace is connected, not just sharing an id.
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const projection = spans.find((s) => s.name === 'projection application-view apply')!;
    const chain: string[] = [];
    for (
      let s = projection as (typeof spans)[number] | undefined;
      s;
      s = s.parentSpanContext ? byId.get(s.parentSpanContext.spanId) : undefined
    )
      chain.push(s.name);
    expect(chain[chain.length - 1]).toMatch(/^POST \/api\/applications/);
    // HTTP -> command -> (append's context) -> relay publish -> consumer -> projection write.
    expect(chain.some((n) => n.endsWith(' publish'))).toBe(true);
    expect(chain.some((n) => n.endsWith(' process'))).toBe(true);
    expect(chain.some((n) => n.startsWith('command '))).toBe(true);

    // The database calls are in the trace too (pg instrumentation): the intake command's reads and
    // its append are PostgreSQL spans below the command span, and so is the projection's write.
    const command = spans.find((s) => /^command .*intake\.application\.submit$/.test(s.name))!;
    const below = (ancestor: (typeof spans)[number]) =>
      spans.filter((s) => {
        for (let p = s.parentSpanContext?.spanId; p; p = byId.get(p)?.parentSpanContext?.spanId)
          if (p === ancestor.spanContext().spanId) return true;
        return false;
      });
    const queries = (under: (typeof spans)[number]) =>
      below(under).filter((s) => s.kind === SpanKind.CLIENT && s.attributes['db.system.name'] === 'postgresql');
    expect(queries(command).length).toBeGreaterThan(0);
    expect(queries(command).some((s) => /\bINSERT INTO\b/i.test(String(s.attributes['db.query.text'])))).toBe(true);
    expect(queries(projection).length).toBeGreaterThan(0);
    // Statement parameters are never recorded; the query string of the request is dropped.
    expect(spans.flatMap((s) => Object.keys(s.attributes)).filter((k) => /values|parameter|url\.query|http\.url/.test(k))).toEqual([]);

    const personal = [
      body.applicant.nik,
      body.applicant.namaLengkap,
      body.applicant.telepon,
      body.applicant.email,
      body.family.noKk,
      body.newborn.namaLengkap,
      body.newborn.nikIbu,
      ...body.family.anggota.map((m) => m.nik),
    ];
    expect(platform.logLines.length).toBeGreaterThan(5);
    const leaks = platform.logLines.filter((line) => personal.some((p) => line.includes(p)));
    expect(leaks).toEqual([]);
    const spanText = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(personal.filter((p) => spanText.includes(p))).toEqual([]);
  });
});
