/**
 * The load generator of bench/http-submit.bench.ts, run as its own process so the load does not
 * share an event loop with the servers under test: autocannon's API, POST /api/applications with
 * a unique Idempotency-Key per request and a submission body whose mother differs per request.
 *
 *   node -r @swc-node/register bench/http-load.ts '{"url":"http://127.0.0.1:3000","token":"...","keyPrefix":"k1","seconds":20,"connections":24}'
 *
 * Prints one JSON line (the measurements) on stdout.
 */
import { submissionBodies, type MotherCycle } from './lib/submission-bodies';

/** The slice of autocannon's API used here (the package ships no types). */
interface RequestData {
  headers: Record<string, string>;
  body?: Buffer | string;
}
interface Histogram {
  mean: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
}
interface AutocannonResult {
  duration: number;
  connections: number;
  requests: Histogram;
  latency: Histogram;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    pipelining: number;
    timeout: number;
    requests: { method: string; path: string; headers: Record<string, string>; setupRequest: (req: RequestData) => RequestData }[];
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => { stop(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

interface LoadOptions extends MotherCycle {
  url: string;
  token?: string;
  keyPrefix: string;
  seconds: number;
  connections: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const { bodyFor } = submissionBodies(options);

let sent = 0;
// CPU of the load itself, not of starting Node and compiling the fixture.
const cpuAtStart = process.cpuUsage();
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (options.token) headers.authorization = `Bearer ${options.token}`;

const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    // Never a pipelined request: one in flight per connection, like browsers and proxies.
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/applications',
        headers,
        setupRequest: (req) => {
          const i = sent++;
          req.headers = { ...req.headers, 'idempotency-key': `${options.keyPrefix}-${i}` };
          req.body = bodyFor(i);
          return req;
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`autocannon failed: ${err.message}\n`);
      process.exit(1);
    }
    const seconds = result.duration;
    const out = {
      seconds,
      connections: result.connections,
      requestsTotal: result.requests.total,
      requestsPerSecondMean: result.requests.mean,
      requestsPerSecondMin: result.requests.min,
      okPerSecond: result['2xx'] / seconds,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats,
      latencyMs: {
        mean: result.latency.mean,
        p50: result.latency.p50,
        p90: result.latency.p90,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      // This process's own CPU (user + system) while loading.
      cpuSeconds: cpuSecondsSince(cpuAtStart),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  },
);
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1e4) / 100;
}

// A request the server answers after the run ends is not counted; nothing else to stop.
process.once('SIGTERM', () => instance.stop());
