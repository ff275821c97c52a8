import { context, propagation, trace, type TracerProvider } from '@opentelemetry/api';
import type { RequestOptions } from 'node:http';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

/** Probes and scrapes: frequent, uninteresting, and not worth a trace each. */
const NOT_TRACED = /^\/(?:health\/|metrics(?:[/?]|$))/;

let instrumentations: InstrumentationBase[] | undefined;

function create(): InstrumentationBase[] {
  return [
    new HttpInstrumentation({
      enabled: false, // patched explicitly by instrument(), see below
      ignoreIncomingRequestHook: (req) => NOT_TRACED.test(req.url ?? '/'),
      // Outgoing calls (S3, the TTE signer) are traced inside a request or command, not on their own.
      requireParentforOutgoingSpans: true,
      ignoreOutgoingRequestHook: untracedOutgoing,
    }),
    new PgInstrumentation({
      enabled: false,
      // Statement parameters hold NIKs and names: never recorded (the statement text is, scrubbed).
      enhancedDatabaseReporting: false,
      // Pollers (relay, outbox, deadline scans) would otherwise make a root trace per query.
      requireParentSpan: true,
    }),
  ];
}

/**
 * An outgoing call inside a trace nobody records (no exporter, or a trace sampled out) makes no
 * span: the span would be thrown away, and making it (attributes, context binding, a copy of the
 * headers) was about a tenth of the printing service's CPU per KK download, one S3 GET each. The
 * trace context still goes with the call, so a platform service called over HTTP logs the same
 * trace id. Headers given as an array are left as they are (no call of the platform passes them so).
 */
export function untracedOutgoing(options: RequestOptions): boolean {
  const active = context.active();
  if (trace.getSpan(active)?.isRecording()) return false;
  if (!Array.isArray(options.headers)) {
    // A copy: the caller's headers object may be shared (e.g. a proxied request's).
    const headers = { ...options.headers };
    propagation.inject(active, headers);
    options.headers = headers;
  }
  return true;
}

/**
 * Instruments `http`/`https` (SERVER span per request, CLIENT span per outgoing call, W3C context
 * extracted from the request) and `pg` (a CLIENT span per query and pool checkout, a child of
 * the active request, command or consumer span), with spans going to `provider`.
 *
 * The modules are patched in place, now: their prototypes and export objects are shared, so code
 * that loaded them before tracing started is instrumented too. This replaces the usual
 * require-hook (which only sees modules loaded after it, and never sees Jest's module registry),
 * so services need no preload flag and tests trace the same way production does.
 * `queries: false` leaves `pg` alone (startTracing: when no exporter would receive its spans).
 * Returns the function that removes the patches.
 */
export function instrument(provider: TracerProvider, o: { queries: boolean } = { queries: true }): () => void {
  instrumentations ??= create();
  const undo: Array<() => void> = [];
  for (const instrumentation of instrumentations) {
    if (!o.queries && instrumentation instanceof PgInstrumentation) continue;
    instrumentation.setTracerProvider(provider);
    for (const definition of instrumentation.getModuleDefinitions()) {
      const exports = loadIfPresent(definition.name);
      if (exports === undefined || !definition.patch) continue;
      definition.patch(exports);
      undo.push(() => definition.unpatch?.(exports));
    }
  }
  return () => undo.reverse().forEach((unpatch) => unpatch());
}

function loadIfPresent(name: string): unknown {
  try {
    // Plain require on purpose: under Jest it resolves through the test's module registry, so the
    // very module objects the services use are the ones patched.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name);
  } catch {
    return undefined;
  }
}
