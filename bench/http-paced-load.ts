/**
 * Open-loop paced load for bench/http-submit.bench.ts, run as its own process: request i is due at
 * t0 + i/rate (evenly spaced, never a burst) whether or not earlier answers have come back, as
 * independent clients arrive. Latency runs from the DUE time, not from the actual send, so a server
 * that falls behind shows it (no coordinated omission): when every connection is busy a due request
 * waits here, counts as a late start, and its wait is part of its latency.
 *
 *   node -r @swc-node/register bench/http-paced-load.ts '{"url":"http://127.0.0.1:3000","token":"...","keyPrefix":"k1","seconds":20,"rate":300}'
 *
 * Options as bench/http-load.ts, plus rate (requests/s offered), connections (most in flight at
 * once, default 64) and warmupSeconds (paced the same way just before the measured window, not
 * measured: the generator's JIT and sockets, without a gap before the measured requests).
 * Requests still in flight when the schedule ends are awaited for up to 10 s and counted; what is
 * still unanswered then counts as timeouts. Prints one JSON line (the measurements) on stdout.
 */
import { Agent, request, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders, type RequestOptions } from 'node:http';
import { performance } from 'node:perf_hooks';
import { submissionBodies, type MotherCycle } from './lib/submission-bodies';

interface PacedOptions extends MotherCycle {
  url: string;
  token?: string;
  keyPrefix: string;
  seconds: number;
  rate: number;
  connections?: number;
  warmupSeconds?: number;
}

/** A request with its place in the schedule: shared handlers read it from `this` (no closure per request). */
interface PacedRequest extends ClientRequest {
  index: number;
  status?: number;
  failed?: boolean;
}

const DRAIN_TIMEOUT_MS = 10_000;

const options = JSON.parse(process.argv[2] ?? '{}') as PacedOptions;
if (!(options.rate > 0) || !(options.seconds > 0)) throw new Error('rate and seconds must be positive');
const connections = options.connections ?? 64;
const perMs = options.rate / 1000;
const warmupCount = Math.round((options.warmupSeconds ?? 0) * options.rate);
const measuredCount = Math.round(options.seconds * options.rate);
const total = warmupCount + measuredCount;

// Every body built before the clock starts: the hot path only picks one.
const { mothers, bodyFor } = submissionBodies(options);
const bodies = Array.from({ length: Math.min(total, mothers) }, (_, i) => bodyFor(i));

const target = new URL(options.url);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
// One headers object and one options object for every request: request() copies the headers
// synchronously, so the per-request fields are overwritten before each call.
const headers: OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': 0, 'idempotency-key': '' };
if (options.token) headers.authorization = `Bearer ${options.token}`;
const requestOptions: RequestOptions = {
  agent,
  hostname: target.hostname,
  port: target.port,
  method: 'POST',
  path: '/api/applications',
  headers,
};

/** Counts of one phase (warm-up or measured). */
function newTally() {
  return {
    sent: 0,
    answered: 0,
    ok2xx: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    lateStarts: 0,
    statusCodes: {} as Record<string, { count: number }>,
  };
}
const warmup = newTally();
const measured = newTally();
const latencies = new Float64Array(measuredCount);
const perSecond = new Uint32Array(Math.ceil(options.seconds));

let t0 = 0;
let measuredStart = 0;
let lastMeasuredAnswer = 0;
let next = 0;
let inFlight = 0;
/** Due requests are waiting for a connection: the next ones sent are late starts. */
let blocked = false;
let timerPending = false;
let finished = false;
let cpuAtMeasuredStart = process.cpuUsage();
const open = new Set<PacedRequest>();

const dueAt = (i: number) => t0 + i / perMs;
const tallyOf = (i: number) => (i < warmupCount ? warmup : measured);

/** Sends every request that is due while a connection is free; otherwise waits for the next due time or an answer. */
function pump(): void {
  if (finished) return;
  const due = Math.min(total, Math.floor((performance.now() - t0) * perMs) + 1);
  while (next < due) {
    if (inFlight >= connections) {
      // An answer frees a connection and pumps again; no timer meanwhile.
      blocked = true;
      return;
    }
    if (blocked) tallyOf(next).lateStarts++;
    send(next++);
  }
  blocked = false;
  if (next < total && !timerPending) {
    timerPending = true;
    setTimeout(onTimer, Math.max(0, dueAt(next) - performance.now()));
  }
}

function onTimer(): void {
  timerPending = false;
  pump();
}

function send(i: number): void {
  if (i === warmupCount) cpuAtMeasuredStart = process.cpuUsage();
  const body = bodies[i % bodies.length];
  headers['content-length'] = body.length;
  headers['idempotency-key'] = `${options.keyPrefix}-${i}`;
  const req = request(requestOptions) as PacedRequest;
  req.index = i;
  req.on('response', onResponse);
  req.on('error', onError);
  req.on('close', onClose);
  req.end(body);
  inFlight++;
  open.add(req);
  tallyOf(i).sent++;
}

function onResponse(this: PacedRequest, res: IncomingMessage): void {
  this.status = res.statusCode;
  res.resume();
}

function onError(this: PacedRequest): void {
  this.failed = true;
}

/** The request is over: answered in full, or failed. */
function onClose(this: PacedRequest): void {
  if (finished) return;
  const now = performance.now();
  inFlight--;
  open.delete(this);
  const tally = tallyOf(this.index);
  if (this.failed || this.status === undefined) tally.errors++;
  else {
    tally.answered++;
    if (this.status >= 200 && this.status < 300) tally.ok2xx++;
    else tally.non2xx++;
    (tally.statusCodes[this.status] ??= { count: 0 }).count++;
    if (tally === measured) {
      latencies[tally.answered - 1] = now - dueAt(this.index);
      lastMeasuredAnswer = now;
      const second = Math.floor((now - measuredStart) / 1000);
      if (second < perSecond.length) perSecond[second]++;
    }
  }
  if (next >= total && inFlight === 0) finish();
  else pump();
}

/** Ends the run: whatever is unanswered (in flight or never sent) counts as a timeout. */
function finish(): void {
  if (finished) return;
  finished = true;
  clearTimeout(drainDeadline);
  for (const req of open) {
    tallyOf(req.index).timeouts++;
    req.destroy();
  }
  for (let i = next; i < total; i++) tallyOf(i).timeouts++;
  agent.destroy();
  process.stdout.write(`${JSON.stringify(report())}\n`);
}

function report() {
  const answered = latencies.subarray(0, measured.answered).sort();
  const pct = (p: number) =>
    answered.length === 0 ? 0 : round2(answered[Math.min(answered.length - 1, Math.ceil((p / 100) * answered.length) - 1)]);
  const mean = answered.length === 0 ? 0 : answered.reduce((a, b) => a + b, 0) / answered.length;
  // The answered rate over the time the answers took: a server that falls behind and answers the
  // last requests in the drain does not look as fast as the offered rate.
  const spanSeconds = Math.max(options.seconds, (lastMeasuredAnswer - measuredStart) / 1000);
  const counts = [...perSecond];
  const d = process.cpuUsage(cpuAtMeasuredStart);
  return {
    seconds: options.seconds,
    connections,
    offeredRate: options.rate,
    requestsTotal: measured.answered,
    requestsPerSecondMean: round2(counts.reduce((a, b) => a + b, 0) / counts.length),
    requestsPerSecondMin: Math.min(...counts),
    okPerSecond: round2(measured.ok2xx / spanSeconds),
    ok2xx: measured.ok2xx,
    non2xx: measured.non2xx,
    errors: measured.errors,
    timeouts: measured.timeouts,
    lateStarts: measured.lateStarts,
    statusCodes: measured.statusCodes,
    latencyMs: {
      mean: round2(mean),
      p50: pct(50),
      p90: pct(90),
      p97_5: pct(97.5),
      p99: pct(99),
      max: answered.length === 0 ? 0 : round2(answered[answered.length - 1]),
    },
    // This process's own CPU (user + system) during the measured window and the drain.
    cpuSeconds: Math.round((d.user + d.system) / 1e4) / 100,
    // Sent during the warm-up (their answers are stored too) and how they fared.
    warmup: {
      seconds: options.warmupSeconds ?? 0,
      requestsSent: warmup.sent,
      ok2xx: warmup.ok2xx,
      non2xx: warmup.non2xx,
      errors: warmup.errors,
      timeouts: warmup.timeouts,
      lateStarts: warmup.lateStarts,
    },
    requestsSent: measured.sent,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

t0 = performance.now();
measuredStart = dueAt(warmupCount);
// finish() runs only from callbacks, after this line.
const drainDeadline = setTimeout(finish, total / perMs + DRAIN_TIMEOUT_MS);
pump();
process.once('SIGTERM', finish);
