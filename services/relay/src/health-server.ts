import { createServer, type Server } from 'node:http';
import type { ApiErrorBody } from '@adminduk/http';
import type { Registry } from 'prom-client';

export interface HealthSource {
  /** Up: the process runs. Ready: its dependencies are reachable (active or standby). */
  readiness(): { ready: boolean; role: string; checks: Record<string, boolean> };
}

/** /metrics, /health/live and /health/ready on a plain Node HTTP server. */
export function startHealthServer(port: number, registry: Registry, health: HealthSource): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      json(res, 405, error(405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', `Metode ${req.method} tidak diizinkan; gunakan GET`));
      return;
    }
    if (path === '/health/live') {
      json(res, 200, { status: 'up' });
    } else if (path === '/health/ready') {
      const r = health.readiness();
      json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', role: r.role, checks: r.checks });
    } else if (path === '/metrics') {
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        },
        () => json(res, 500, error(500, 'Internal Server Error', 'INTERNAL', 'Metrik tidak dapat dibaca; silakan coba lagi')),
      );
    } else {
      json(res, 404, error(404, 'Not Found', 'ROUTE_NOT_FOUND', 'Alamat tidak ditemukan'));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

/** The platform's one error shape (decision 0009), written here so this small server needs no Nest. */
function error(statusCode: number, text: string, code: string, message: string): ApiErrorBody {
  return { statusCode, error: text, code, message };
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
