import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLogPath } from './access-path';
import { observeHttpRequest } from './platform-metrics';

/** A request that took this long is logged at info whatever its status. */
export const SLOW_SECONDS = 1;

/**
 * Express/Nest middleware for what the HTTP instrumentation (instrumentation.ts) cannot know: the
 * route. When the response finishes it gives the request's SERVER span its route template (the
 * span is then named `POST /api/applications/:id`, never after the raw path) and the scrubbed path,
 * counts the request in `http_server_request_duration_seconds` by route template, and writes one
 * access-log line: at info for a refused or failed request (status 400 and up) or a slow one
 * (SLOW_SECONDS), at debug otherwise (`LOG_LEVEL=debug` logs every request). Rate, errors and
 * duration of every request are in the metrics; a line per answered request cost about 0.1 ms of
 * CPU each (scrubbed, serialised, written synchronously). Only the path is recorded, never the query
 * string: queries carry search terms such as a NIK or a name. The path is decoded and judged segment
 * by segment (`accessLogPath`), only when a line is written or the span is recorded.
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
      if (route && rpc?.type === RPCType.HTTP) rpc.route = route;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observeHttpRequest(method, route, res.statusCode, seconds);
      const level = res.statusCode >= 400 || seconds >= SLOW_SECONDS ? 'info' : 'debug';
      const recording = span?.isRecording() === true;
      const logging = logger?.isLevelEnabled(level) === true;
      if (!recording && !logging) return;
      const path = accessLogPath(url(), route ? { path: route } : undefined);
      if (recording) span.setAttribute('url.path', path);
      if (logging)
        logger[level]({ http: { method, path, status: res.statusCode, durationMs: Math.round(seconds * 1e6) / 1e3 } }, 'request completed');
    });
    next();
  };
}
