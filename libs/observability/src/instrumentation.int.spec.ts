jest.setTimeout(60_000);

import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { Client, Pool } from 'pg';
import { testEnv } from '@adminduk/testing';
import { httpTracing } from './http-tracing';
import { writeMetrics } from './metrics-registry';
import { activeTraceIds, InMemorySpanExporter, startTracing, withSpan, type Tracing } from './tracing';

const NIK = '3515124508900003';
const EMAIL = 'siti.aminah@example.co.id';

/**
 * The OpenTelemetry SDK with the HTTP and PostgreSQL instrumentations, on a real HTTP server and a
 * real PostgreSQL: queries are spans under the request's span, and no span holds what the request
 * carried (a NIK in the path and the query, statement parameters, literals in a statement).
 */
describe('HTTP and PostgreSQL instrumentation', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let pool: Pool;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'instrumentation-test', exporter, env: {} });
    pool = new Pool({ connectionString: testEnv.postgresUrl, max: 2 });
    const app = express();
    app.use(httpTracing());
    app.get('/metrics', (_req, res) => writeMetrics(res));
    app.get('/traceparent', (req, res) => res.json({ traceparent: req.headers.traceparent ?? null }));
    app.get('/api/penduduk/:id', async (req, res) => {
      // A parameter (never recorded) and a literal (recorded with the statement, then masked).
      const { rows } = await pool.query(`SELECT $1::text AS nik, '${NIK}' AS literal`, [req.params.id]);
      res.json({ found: rows.length });
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await pool.end();
    await tracing.shutdown();
  });

  it('puts each query under the request span and keeps personal data out of every span', async () => {
    const res = await fetch(`${base}/api/penduduk/${NIK}?nik=${NIK}&email=${encodeURIComponent(EMAIL)}`, {
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    expect(res.status).toBe(200);
    await tracing.forceFlush();

    const spans = await waitForSpans(exporter, (all) => all.some((s) => s.kind === SpanKind.SERVER));
    const serverSpan = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(serverSpan.name).toBe('GET /api/penduduk/:id');
    expect(serverSpan.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(serverSpan.attributes['http.route']).toBe('/api/penduduk/:id');
    expect(serverSpan.attributes['url.path']).toBe('/api/penduduk/:id');
    expect(serverSpan.attributes['url.query']).toBeUndefined();

    const query = spans.find((s) => s.kind === SpanKind.CLIENT && typeof s.attributes['db.query.text'] === 'string');
    expect(query).toBeDefined();
    expect(ancestors(query!, spans)).toContain(serverSpan.spanContext().spanId);
    expect(query!.attributes['db.query.text']).toBe(`SELECT $1::text AS nik, '[nik]' AS literal`);
    expect(Object.keys(query!.attributes).filter((k) => k.includes('values') || k.includes('parameter'))).toEqual([]);

    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events, s.status]));
    expect(everything).not.toContain(NIK);
    expect(everything).not.toContain(EMAIL);
    expect(everything).not.toContain('siti.aminah');
  });

  it('makes a CLIENT span for an outgoing call in a recorded trace, and the callee joins it under that span', async () => {
    exporter.reset();
    const { traceparent, ids } = await withSpan('work', SpanKind.INTERNAL, async () => ({
      traceparent: await traceparentReceivedBy(`${base}/traceparent`),
      ids: activeTraceIds()!,
    }));
    await tracing.forceFlush();
    const spans = await waitForSpans(exporter, (all) => all.some((s) => s.kind === SpanKind.CLIENT && s.name === 'GET'));
    const client = spans.find((s) => s.kind === SpanKind.CLIENT && s.name === 'GET')!;
    expect(client.parentSpanContext?.spanId).toBe(ids.span_id);
    expect(traceparent).toBe(`00-${ids.trace_id}-${client.spanContext().spanId}-01`);
  });

  it('counts requests per route template on /metrics, never per raw path', async () => {
    for (const id of ['0193a0c4-7b8e-7c3d-9f10-2a3b4c5d6e7f', NIK]) await (await fetch(`${base}/api/penduduk/${id}`)).arrayBuffer();
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const count = text.match(
      /^http_server_request_duration_seconds_count\{method="GET",route="\/api\/penduduk\/:id",status_code="200"\} (\d+)$/m,
    );
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(NIK);
    expect(text).not.toContain('0193a0c4');
    expect(text).toMatch(/^process_cpu_seconds_total /m); // Node's default metrics share the registry
  });
});

describe('without an exporter', () => {
  const wrapped = (f: unknown) => (f as { __wrapped?: boolean }).__wrapped === true;

  it('makes no span for an outgoing call (nobody records it) but still sends the trace context along', async () => {
    const tracing = startTracing({ serviceName: 'no-exporter', env: {} });
    const server = http.createServer((req, res) => res.end(JSON.stringify({ traceparent: req.headers.traceparent ?? null })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const { traceparent, ids } = await withSpan('work', SpanKind.INTERNAL, async () => ({
        traceparent: await traceparentReceivedBy(url),
        ids: activeTraceIds()!,
      }));
      // The parent is the active span itself: no CLIENT span was made in between (one was, with an id of its own, before).
      expect(traceparent).toBe(`00-${ids.trace_id}-${ids.span_id}-00`);
      // Outside any trace nothing is made up.
      expect(await traceparentReceivedBy(url)).toBeNull();
    } finally {
      await new Promise((r) => server.close(r));
      await tracing.shutdown();
    }
  });

  it('traces HTTP (trace ids for logs and propagation) but leaves pg unpatched: nobody would read query spans', async () => {
    const tracing = startTracing({ serviceName: 'no-exporter', env: {} });
    try {
      expect(wrapped(http.Server.prototype.emit)).toBe(true);
      expect(wrapped(Client.prototype.query)).toBe(false);
      expect(withSpan('work', SpanKind.INTERNAL, () => activeTraceIds())).toMatchObject({
        trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    } finally {
      await tracing.shutdown();
    }
    const exporting = startTracing({ serviceName: 'exporter', exporter: new InMemorySpanExporter(), env: {} });
    try {
      expect(wrapped(Client.prototype.query)).toBe(true);
    } finally {
      await exporting.shutdown();
    }
  });
});

/** The traceparent header a server received from a node:http GET (the instrumented client). */
function traceparentReceivedBy(url: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve((JSON.parse(body) as { traceparent: string | null }).traceparent));
      })
      .on('error', reject);
  });
}

async function waitForSpans(exporter: InMemorySpanExporter, done: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  for (let i = 0; i < 50; i++) {
    const spans = exporter.getFinishedSpans();
    if (done(spans)) return spans;
    await new Promise((r) => setTimeout(r, 20));
  }
  return exporter.getFinishedSpans();
}

function ancestors(span: ReadableSpan, all: ReadableSpan[]): string[] {
  const byId = new Map(all.map((s) => [s.spanContext().spanId, s]));
  const ids: string[] = [];
  for (let p = span.parentSpanContext?.spanId; p; p = byId.get(p)?.parentSpanContext?.spanId) ids.push(p);
  return ids;
}
