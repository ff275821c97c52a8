import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-node';

/**
 * Which spans are recorded. A span that is not recorded still has ids, so trace ids reach the logs
 * and propagate to the next service (W3C `traceparent`, flag 00), but nothing is collected for it:
 * no attributes, events, timing or span processors.
 *
 * - Nothing exports (`exporting` false): no trace is started here (a root span is not recorded);
 *   a caller's sampled trace is followed, so the sampled flag reaches the services after this one.
 * - Exporting: the OpenTelemetry standard variables, OTEL_TRACES_SAMPLER (`parentbased_always_on`
 *   when unset: every trace, and a service follows the decision of the one that called it) and
 *   OTEL_TRACES_SAMPLER_ARG (the ratio of the `*traceidratio` samplers, 0..1, default 1).
 *   An unknown sampler or a ratio out of range stops start-up with the reason.
 *
 * The SDK's own reader of these variables is not exported since sdk-trace 2, hence this one.
 */
export function samplerFor(exporting: boolean, env: NodeJS.ProcessEnv): Sampler {
  // A caller's sampled trace stays sampled downstream (flag 01 propagated) even here: a service that
  // exports further down must not lose the trace because this one does not export.
  if (!exporting) return new ParentBasedSampler({ root: new AlwaysOffSampler() });
  const name = (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').trim().toLowerCase();
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio(env));
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio(env)) });
    default:
      throw new Error(
        `OTEL_TRACES_SAMPLER "${name}" is not supported: use always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio`,
      );
  }
}

function ratio(env: NodeJS.ProcessEnv): number {
  const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  if (!raw) return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`OTEL_TRACES_SAMPLER_ARG "${raw}" is not a ratio: a number from 0 to 1 (e.g. 0.1 records one trace in ten)`);
  return value;
}
