import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLogPath } from './access-path';
import { tracer } from './tracing';

/**
 * Express/Nest middleware: one SERVER span per request (continuing an incoming `traceparent`),
 * active for everything the request runs, and one access-log line when the response finishes.
 * Only the path is recorded, never the query string: queries carry search terms such as a NIK or a
 * name, which neither a span nor a log line may hold. The path itself is decoded and scrubbed
 * segment by segment (`accessLogPath`); once the router has matched, the route's template decides
 * which segments are parameters, and the span gets the final name and `http.route`.
 *
 * Use: `app.use(httpTracing(logger))` before routes.
 */
export function httpTracing(logger?: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    // Express keeps the full URL in originalUrl while routers rewrite req.url.
    const url = () => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
    let path = accessLogPath(url());
    const parent = propagation.extract(ROOT_CONTEXT, req.headers, {
      get: (h, k) => {
        const v = h[k];
        return Array.isArray(v) ? v[0] : v;
      },
      keys: (h) => Object.keys(h),
    });
    const span = tracer().startSpan(
      `${method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } },
      parent,
    );
    const spanContext = trace.setSpan(parent, span);
    res.once('finish', () => {
      const route = (req as IncomingMessage & { route?: { path?: unknown } }).route;
      if (typeof route?.path === 'string') {
        path = accessLogPath(url(), { path: route.path });
        span.updateName(`${method} ${path}`);
        span.setAttributes({ 'url.path': path, 'http.route': route.path });
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      if (logger) {
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        context.with(spanContext, () => logger.info({ http: { method, path, status: res.statusCode, durationMs } }, 'request completed'));
      }
    });
    context.with(spanContext, () => next());
  };
}
