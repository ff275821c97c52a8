import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  contextFromHeaders,
  contextFromTraceparent,
  currentTraceparent,
  InMemorySpanExporter,
  SpanKind,
  startTracing,
  traceHeaders,
  withSpan,
  type Tracing,
} from './tracing';

const NIK = '3515124508900003';

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;

  beforeAll(() => {
    tracing = startTracing({ serviceName: 'tracing-test', exporter, env: {} });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it('joins work resumed from a stored traceparent to the trace that stored it', async () => {
    // Producer: an HTTP request appends an event and keeps the traceparent in its metadata.
    const stored = await withSpan('POST /applications', SpanKind.SERVER, async () =>
      withSpan('append application', SpanKind.INTERNAL, async () => {
        await new Promise((r) => setImmediate(r)); // the async hop must keep the context
        return { metadata: { traceparent: currentTraceparent() } };
      }),
    );
    expect(stored.metadata.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Later, elsewhere, with no active context: the relay and a consumer continue from the metadata.
    expect(currentTraceparent()).toBeUndefined();
    await context.with(contextFromTraceparent(stored.metadata.traceparent), () =>
      withSpan('relay publish', SpanKind.PRODUCER, async () => {
        const headers = traceHeaders(); // carried on the NATS message
        await context.with(
          contextFromHeaders((k) => headers[k]),
          () => withSpan('project operator queue', SpanKind.CONSUMER, async () => undefined),
        );
      }),
    );

    const spans = exporter.getFinishedSpans();
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(
      ['POST /applications', 'append application', 'project operator queue', 'relay publish'].sort(),
    );
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const parentOf = (name: string) => byName.get(name)!.parentSpanContext?.spanId;
    const idOf = (name: string) => byName.get(name)!.spanContext().spanId;
    expect(parentOf('POST /applications')).toBeUndefined();
    expect(parentOf('append application')).toBe(idOf('POST /applications'));
    expect(parentOf('relay publish')).toBe(idOf('append application'));
    expect(parentOf('project operator queue')).toBe(idOf('relay publish'));
    expect(byName.get('relay publish')!.kind).toBe(SpanKind.PRODUCER);
  });

  it('starts a fresh trace when the stored traceparent is missing or malformed', async () => {
    for (const tp of [undefined, '', 'not-a-traceparent', '00-00000000000000000000000000000000-0000000000000000-01']) {
      const ctx = contextFromTraceparent(tp);
      expect(trace.getSpanContext(ctx)).toBeUndefined();
      await context.with(ctx, () => withSpan('fresh', SpanKind.CONSUMER, () => undefined));
    }
    expect(exporter.getFinishedSpans().every((s) => s.parentSpanContext === undefined)).toBe(true);
    expect(contextFromTraceparent(undefined)).toBe(ROOT_CONTEXT);
  });

  it('records a failure on the span without personal data and rethrows', async () => {
    await expect(
      withSpan('submit', SpanKind.INTERNAL, async () => {
        throw new Error(`NIK ${NIK} sudah punya pengajuan aktif`);
      }),
    ).rejects.toThrow(NIK);
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(2); // ERROR
    const serialized = JSON.stringify({ status: span.status, events: span.events, attrs: span.attributes });
    expect(serialized).not.toContain(NIK);
    expect(serialized).toContain('sudah punya pengajuan aktif');
  });
});
