import { context, trace } from '@opentelemetry/api';
import {
  activeTraceIds,
  contextFromTraceparent,
  currentTraceparent,
  InMemorySpanExporter,
  SpanKind,
  startTracing,
  withSpan,
} from './tracing';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('sampling', () => {
  it('records nothing when nothing exports, yet every span has ids that reach logs and propagate', async () => {
    const tracing = startTracing({ serviceName: 'no-exporter', env: {} });
    try {
      const seen = withSpan('submit', SpanKind.SERVER, (span) => ({
        recording: span.isRecording(),
        ids: activeTraceIds(),
        traceparent: currentTraceparent(),
      }));
      expect(seen.recording).toBe(false);
      expect(seen.ids?.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(seen.ids?.trace_id).not.toBe('0'.repeat(32));
      // Flag 00: the next service does not record it either.
      expect(seen.traceparent).toBe(`00-${seen.ids?.trace_id}-${seen.ids?.span_id}-00`);
      // A caller's sampled trace continues sampled: the flag 01 reaches the services after this one
      // (one that exports must not lose the trace because this one does not).
      const continued = context.with(contextFromTraceparent(PARENT), () =>
        withSpan('command', SpanKind.CONSUMER, () => ({ ids: activeTraceIds(), traceparent: currentTraceparent() })),
      );
      expect(continued.ids?.trace_id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      expect(continued.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    } finally {
      await tracing.shutdown();
    }
  });

  it('exporting: every trace by default, and a service follows the decision of the one that called it', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'exporting', exporter, env: {} });
    try {
      withSpan('root', SpanKind.SERVER, () => undefined);
      context.with(contextFromTraceparent(PARENT.replace(/01$/, '00')), () =>
        withSpan('unsampled parent', SpanKind.CONSUMER, () => undefined),
      );
      context.with(contextFromTraceparent(PARENT), () => withSpan('sampled parent', SpanKind.CONSUMER, () => undefined));
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['root', 'sampled parent']);
    } finally {
      await tracing.shutdown();
    }
  });

  it('exporting: OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG choose the share of new traces', async () => {
    for (const [env, expected] of [
      [{ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, 0],
      [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' }, 20],
      [{ OTEL_TRACES_SAMPLER: 'always_off' }, 0],
    ] as const) {
      const exporter = new InMemorySpanExporter();
      const tracing = startTracing({ serviceName: 'ratio', exporter, env });
      try {
        for (let i = 0; i < 20; i++) withSpan('root', SpanKind.SERVER, () => undefined);
        expect({ env, exported: exporter.getFinishedSpans().length }).toEqual({ env, exported: expected });
      } finally {
        await tracing.shutdown();
      }
    }
  });

  it('refuses an unknown sampler or a ratio that is not one, naming the variable', () => {
    const exporter = new InMemorySpanExporter();
    expect(() => startTracing({ serviceName: 'x', exporter, env: { OTEL_TRACES_SAMPLER: 'sometimes' } })).toThrow(
      /OTEL_TRACES_SAMPLER "sometimes" is not supported/,
    );
    for (const arg of ['1.5', '-0.1', 'half'])
      expect(() =>
        startTracing({ serviceName: 'x', exporter, env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: arg } }),
      ).toThrow(`OTEL_TRACES_SAMPLER_ARG "${arg}" is not a ratio`);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
