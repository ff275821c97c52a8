import type { ClientRequest } from 'node:http';

/**
 * Cuts a request whose connection stays silent for `ms`: destroyed with an ETIMEDOUT error naming
 * `what`, so its caller fails and retries instead of waiting on a server that stopped answering.
 */
export function cutWhenSilent(req: ClientRequest, ms: number, what: string): ClientRequest {
  return req.setTimeout(ms, () => req.destroy(Object.assign(new Error(`${what}: connection silent for ${ms} ms`), { code: 'ETIMEDOUT' })));
}
