import {
  context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { instrument } from './instrumentation';
import { scrubString } from './redaction';
import { samplerFor } from './sampling';
import { PersonalDataSpanProcessor } from './span-scrubbing';

export { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
export { SpanKind } from '@opentelemetry/api';

export interface TracingOptions {
  serviceName: string;
  /**
   * Where spans go. Omitted: OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, otherwise
   * nowhere: spans are then not recorded (sampling.ts), but still have ids, so trace ids reach logs
   * and propagate. An exporter instance (e.g. `InMemorySpanExporter` in tests) is attached with a
   * synchronous processor.
   */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  provider: NodeTracerProvider;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const TRACER_NAME = '@adminduk/observability';
const w3c = new W3CTraceContextPropagator();
let active: { handle: Tracing; uninstrument: () => void } | undefined;

/**
 * Registers the OpenTelemetry Node SDK's tracer provider globally (W3C trace-context propagation,
 * AsyncLocalStorage context) and instruments HTTP and PostgreSQL (instrumentation.ts), so every
 * request, outgoing call and query is a span in the trace of the work that caused it. Every span
 * passes the personal-data scrubber before any exporter sees it (span-scrubbing.ts).
 * Call once, first thing in `main.ts`. Calling again replaces the previous registration (tests).
 */
export function startTracing(options: TracingOptions): Tracing {
  if (active) unregister();
  const env = options.env ?? process.env;
  // Spans only leave the process through an exporter: without one, nothing needs scrubbing and
  // query spans (leaves, no context to carry on) have nobody to read them.
  const exporting = !!options.exporter || !!env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const spanProcessors: SpanProcessor[] = exporting ? [new PersonalDataSpanProcessor()] : [];
  if (options.exporter) {
    spanProcessors.push(new SimpleSpanProcessor(options.exporter));
  } else if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT itself and appends /v1/traces.
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  // sdk-trace v2 takes processors in the constructor (addSpanProcessor is gone).
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
    sampler: samplerFor(exporting, env),
  });
  // contextManager left undefined = the SDK's AsyncLocalStorageContextManager.
  provider.register({ propagator: w3c });
  const uninstrument = instrument(provider, { queries: exporting });
  const handle: Tracing = {
    provider,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      if (active?.handle === handle) unregister();
      await provider.shutdown();
    },
  };
  active = { handle, uninstrument };
  return handle;
}

function unregister(): void {
  active?.uninstrument();
  trace.disable();
  context.disable();
  propagation.disable();
  active = undefined;
}

export function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Runs `fn` with no spans made inside it (instrumentations included): for a statement whose text
 * carries personal data as literals (a multi-statement simple query takes no parameters), which the
 * pg instrumentation would record as the span's statement text.
 */
export function untraced<T>(fn: () => T): T {
  return context.with(suppressTracing(context.active()), fn);
}

/**
 * Runs `fn` inside a new active span (child of the active context), ends it when `fn` settles, and
 * records a failure without personal data: the exception text is scrubbed before it is stored.
 */
export function withSpan<T>(name: string, kind: SpanKind, fn: (span: Span) => T, attributes?: Attributes): T {
  return tracer().startActiveSpan(name, { kind, attributes }, (span) => {
    let result: T;
    try {
      result = fn(span);
    } catch (e) {
      failSpan(span, e);
      span.end();
      throw e;
    }
    if (isPromiseLike(result)) {
      return Promise.resolve(result).then(
        (v) => {
          span.end();
          return v;
        },
        (e: unknown) => {
          failSpan(span, e);
          span.end();
          throw e;
        },
      ) as T;
    }
    span.end();
    return result;
  });
}

export function failSpan(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const message = scrubString(err.message);
  span.recordException({ name: err.name, message, stack: err.stack && scrubString(err.stack) });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The W3C `traceparent` of the active span, to store in event metadata; undefined outside a span. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const sc = trace.getSpanContext(ctx);
  if (!sc || !trace.isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * A context whose parent is the span named by a stored `traceparent`, so work done later (relay,
 * consumers, projections) joins the trace that produced the event. Invalid or missing: a root context.
 * Works whether or not tracing was started (uses the W3C propagator directly).
 */
export function contextFromTraceparent(traceparent: string | undefined | null, base: Context = ROOT_CONTEXT): Context {
  if (!traceparent) return base;
  return w3c.extract(base, { traceparent }, recordGetter);
}

/** W3C headers (`traceparent`, `tracestate`) for the active context, e.g. to put on a NATS message. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, { set: (c, k, v) => void (c[k] = v) });
  return carrier;
}

/** A context continued from incoming headers; `get` adapts any header container (NATS, HTTP). */
export function contextFromHeaders(get: (name: string) => string | undefined, base: Context = ROOT_CONTEXT): Context {
  return w3c.extract(base, null, {
    get: (_c, key) => get(key),
    keys: () => ['traceparent', 'tracestate'],
  });
}

/** Trace and span id of the active span, for log lines. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const sc = trace.getSpanContext(context.active());
  if (!sc || !trace.isSpanContextValid(sc)) return undefined;
  return { trace_id: sc.traceId, span_id: sc.spanId };
}

const recordGetter: TextMapGetter<Record<string, string>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
