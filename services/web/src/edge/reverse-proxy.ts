import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { apiError, correlationIdOf } from '@adminduk/http';
import { requestTarget, type Logger } from '@adminduk/observability';

// Headers that describe one connection, not the message (RFC 9110 section 7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const withoutHopByHop = (headers: IncomingMessage['headers']): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
};

/**
 * A small streaming reverse proxy (http.request): request and response bodies are piped, never
 * buffered, so scan uploads and KK downloads pass through at the upstream's pace. The correlation id
 * goes along (one is made when the browser sent none). Answers that name no caching get `no-store`:
 * what passes here is personal data unless the service says otherwise.
 */
export class ReverseProxy {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly logger: Logger) {}

  forward(req: IncomingMessage, res: ServerResponse, target: URL, path: string, upstreamName: string): void {
    const headers = withoutHopByHop(req.headers);
    const correlationId = correlationIdOf(req.headers);
    headers['x-correlation-id'] = correlationId;
    const client = req.socket.remoteAddress ?? '';
    const forwardedFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${client}` : client;
    headers['x-forwarded-proto'] = (req.headers['x-forwarded-proto'] as string | undefined) ?? 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    headers.host = target.host;
    const basePath = target.pathname.replace(/\/+$/, '');
    const secure = target.protocol === 'https:';
    const upstream = (secure ? httpsRequest : httpRequest)({
      ...requestTarget(target),
      method: req.method,
      path: `${basePath}${path}`,
      headers,
      agent: secure ? this.https : this.http,
    });
    upstream.on('response', (answer) => {
      const out = withoutHopByHop(answer.headers);
      if (!answer.headers['cache-control']) out['cache-control'] = 'no-store';
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      this.logger.warn({ upstream: upstreamName, err: e.code ?? e.message, correlationId }, 'upstream unreachable');
      if (res.headersSent) return void res.destroy();
      const body = apiError(502, 'UPSTREAM_UNAVAILABLE', 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.');
      res.writeHead(502, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-correlation-id': correlationId,
      });
      res.end(JSON.stringify(body));
    });
    // A browser that goes away stops the upstream transfer too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
