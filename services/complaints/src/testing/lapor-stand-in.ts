import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP stand-in for SP4N-LAPOR (the real service cannot be reached from here): serves the
 * reports it holds at GET /reports and keeps every status list POSTed to /statuses, as the
 * contract in docs/complaints.md says. `failNext` makes the next call answer 503.
 */
export interface LaporStandIn {
  url: string;
  reports: unknown[];
  statusPushes: Array<{ statuses: Array<Record<string, unknown>> }>;
  failNext(): void;
  close(): Promise<void>;
}

export async function startLaporStandIn(reports: unknown[] = []): Promise<LaporStandIn> {
  const state: LaporStandIn = {
    url: '',
    reports,
    statusPushes: [],
    failNext: () => void (fail = true),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  let fail = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (fail) {
        fail = false;
        res.statusCode = 503;
        return res.end('{}');
      }
      if (req.method === 'GET' && req.url === '/reports') return res.end(JSON.stringify({ reports: state.reports }));
      if (req.method === 'POST' && req.url === '/statuses') {
        state.statusPushes.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.statusCode = 204;
        return res.end();
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
