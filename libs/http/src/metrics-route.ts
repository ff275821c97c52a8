import type { INestApplication } from '@nestjs/common';
import { writeMetrics } from '@adminduk/observability';
import type { Request, Response } from 'express';

/**
 * `GET /metrics`: the process's Prometheus registry (libs/observability metrics-registry.ts) on the
 * service's own port. Registered on Express before Nest's routes, so no guard (authentication,
 * rate limits) stands between a scrape and the numbers. The ingress must not route it (runbook, Metrics).
 */
export function serveMetrics(app: INestApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .get('/metrics', (_req: Request, res: Response) => writeMetrics(res));
}
