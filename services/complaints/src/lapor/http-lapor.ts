import { retry } from '@adminduk/messaging';
import type { LaporPort } from './lapor.port';
import type { LaporStatusUpdate } from './lapor-record';

/**
 * The LAPOR adapter over HTTP: GET <base>/reports returns `{ reports: [...] }` (records as in the
 * file format), POST <base>/statuses takes `{ statuses: [...] }`. A failed call throws; the caller
 * reports it and nothing is half-done (the import is idempotent, the push can be repeated).
 */
export class HttpLapor implements LaporPort {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async fetchReports(): Promise<unknown[]> {
    const body = (await this.call('GET', '/reports')) as { reports?: unknown };
    if (!Array.isArray(body?.reports)) throw new Error('LAPOR answered without a reports list');
    return body.reports;
  }

  async pushStatuses(updates: LaporStatusUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.call('POST', '/statuses', { statuses: updates });
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    return retry(
      async () => {
        const r = await fetch(new URL(path.slice(1), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`), {
          method,
          headers: body ? { 'content-type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (!r.ok) throw new Error(`LAPOR ${method} ${path} answered ${r.status}`);
        return r.status === 204 ? {} : r.json();
      },
      // A short outage is ridden out; a longer one is the caller's error to report.
      { backoff: { baseMs: 200, maxMs: 2000 }, maxAttempts: 3 },
    );
  }
}
