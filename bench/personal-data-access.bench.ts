/**
 * Personal-data access recording (issue 12, item 4; decision 0016): what recording every staff read
 * as an event costs. The submitted data (`GET /api/applications/{id}/data`) read sequentially by an
 * operator (each read appends PersonalDataViewed to the application's access stream first) against the
 * same read by the applicant (not recorded), and the operator's read as the access stream grows
 * (the command handler reads that stream before it appends). In-process platform, 2 cores.
 *   node -r @swc-node/register bench/personal-data-access.bench.ts   → bench/results/personal-data-access.json
 * BENCH_ACCESS_READS (default 300) reads per series.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { counterSubmission, startInProcessPlatform } from '@adminduk/gateway/testing';

const READS = Number(process.env.BENCH_ACCESS_READS ?? 300);
/** Recording may add at most this much to the median read (one stream read + one append). */
const TARGET_ADDED_P50_MS = 15;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const platform = await startInProcessPlatform({ logLevel: 'warn' });
  try {
    const operator = await platform.token('operator.balongbendo');
    const citizen = await platform.token('pemohon.siti');
    const body = counterSubmission();
    body.family.alamat.desa = '35.15.12.2004';
    const submitted = await fetch(`${platform.gatewayUrl}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'bench-access' },
      body: JSON.stringify(body),
    });
    const { applicationId } = (await submitted.json()) as { applicationId: string };
    const url = `${platform.gatewayUrl}/api/applications/${applicationId}/data`;
    const series = async (token: string): Promise<number[]> => {
      const ms: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t = performance.now();
        const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`read answered ${r.status}`);
        ms.push(performance.now() - t);
      }
      return ms;
    };
    await series(citizen); // warm-up (JIT, connections)
    const unrecorded = await series(citizen);
    const recorded = await series(operator);
    const summary = (xs: number[]) => ({ p50Ms: round(pct(xs, 50)), p95Ms: round(pct(xs, 95)), p99Ms: round(pct(xs, 99)) });
    const first = recorded.slice(0, 50);
    const last = recorded.slice(-50);
    const addedP50 = pct(recorded, 50) - pct(unrecorded, 50);
    const result = {
      benchmark: 'personal-data-access',
      reads: READS,
      unrecordedCitizen: summary(unrecorded),
      recordedOperator: summary(recorded),
      recordedFirst50: summary(first),
      recordedLast50: summary(last),
      accessStreamLength: READS,
      addedP50Ms: round(addedP50),
      targetAddedP50Ms: TARGET_ADDED_P50_MS,
      pass: addedP50 <= TARGET_ADDED_P50_MS,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model.split(' ').slice(0, 2).join(' '),
        node: process.version,
        loadAverage1m: round(loadavg()[0]),
      },
      at: new Date().toISOString(),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'personal-data-access.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.table({
      unrecorded: result.unrecordedCitizen,
      recorded: result.recordedOperator,
      first50: result.recordedFirst50,
      last50: result.recordedLast50,
    });
    console.log(
      `recording adds ${result.addedP50Ms} ms to the median read (target <= ${TARGET_ADDED_P50_MS} ms): ${result.pass ? 'PASS' : 'MISS'}`,
    );
  } finally {
    await platform.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
