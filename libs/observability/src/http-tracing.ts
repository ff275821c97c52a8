import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLogPath } from './access-path';
import { observeHttpRequest } from './platform-metrics';

/**
 * Express/Nest middleware for what the HTTP instrumentation (instrumentation.ts) cannot know: the
 * route. When the response finishes it gives the request's SERVER span its route template (the
 * span is then named `POST /api/applications/:id`, never after the raw path) and the scrubbed path,
 * counts the request in `http_server_request_duration_seconds` by route template, and writes one
 * access-log line. Only the path is recorded, never the query string: queries carry search terms
 * such as a NIK or a name. The path is decoded and judged segment by segment (`accessLogPath`).
 *
 * Use: `app.use(httpTracing(logger))` before routes.
 */
export function httpTracing(logger?: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    // Express keeps the full URL in originalUrl while routers rewrite req.url.
    const url = () => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
    const span = trace.getActiveSpan();
    // Where the instrumentation reads `http.route` from when it ends the span (after 'finish').
    const rpc = getRPCMetadata(context.active());
    res.once('finish', () => {
      const matched = (req as IncomingMessage & { route?: { path?: unknown } }).route;
      const route = typeof matched?.path === 'string' ? matched.path : undefined;
      const path = accessLogPath(url(), route ? { path: route } : undefined);
      if (route && rpc?.type === RPCType.HTTP) rpc.route = route;
      span?.setAttribute('url.path', path);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observeHttpRequest(method, route, res.statusCode, seconds);
      if (logger)
        logger.info({ http: { method, path, status: res.statusCode, durationMs: Math.round(seconds * 1e6) / 1e3 } }, 'request completed');
    });
    next();
  };
}
