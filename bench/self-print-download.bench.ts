/**
 * Self-print downloads benchmark (issue 11 target, 2 cores): `GET /cetak/{token}` of the printing
 * service (token signature and expiry, the application's stream read or the state its last download
 * left (decision 0025, addendum), the object opened in S3, then the download recorded as KkSelfPrinted
 * through the write path, the bytes streamed) reaches >= 50% of the throughput of raw S3
 * `getObject` (the S3 client's own) of the same objects, both at 8 concurrent downloads, same run.
 * Every download appends an event, so the links are spread over many applications (a family
 * downloads a few times, not thousands). The printing service and s3rver each run as their own
 * process; the set-up shared with the print bench is bench/lib/kk-download-bench.ts.
 *   node -r @swc-node/register bench/self-print-download.bench.ts   → bench/results/self-print-download.json
 * BENCH_SELF_PRINT_DOWNLOADS (default 400) downloads per measured round; BENCH_CPU_PROF_DIR profiles the service.
 */
import { randomUUID } from 'node:crypto';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { readModelsTesting } from '@adminduk/read-models';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, signSelfPrintToken } from '@adminduk/self-print-token';
import { measureKkDownloads, startDownloadBench, storeKks, type StoredKk } from './lib/kk-download-bench';
import { runBench } from './lib/service-bench';

const DOWNLOADS = Number(process.env.BENCH_SELF_PRINT_DOWNLOADS ?? 400);
const ROUNDS = 3;
const KKS = 8;
const APPLICATIONS = 240;

/** A signed counter application of Balongbendo with one self-print link (no signer run: the bytes are what matter). */
function linkedHistory(documentId: string, sha256: string, linkId: string, expiresAt: string) {
  const { KkScenario, actors, signatureData } = domainTesting;
  const s = new KkScenario('tatap-muka').readyToVerify().verify().assignNik();
  s.run({ type: 'RecordSignature', actor: actors.signer, data: signatureData(documentId, sha256, s.now) });
  s.run({ type: 'IssueSelfPrintLink', actor: actors.system, data: { linkId, expiresAt } }, { now: s.now });
  return s.events;
}

async function main(): Promise<void> {
  const setup = await startDownloadBench('selfprintbench');
  // 8 KKs as the signing service stores them; many applications (each with its link) share them.
  const objects = await storeKks(setup.s3.raw, KKS, { pades: false });
  const store = await PostgresEventStore.create({ connectionString: setup.schema.url, max: 4 });
  const signer = selfPrintSigningKey(DEV_SELF_PRINT_SEED);
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const links: Array<{ token: string; kk: StoredKk }> = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const kk = objects[i % KKS];
    const applicationId = randomUUID();
    const linkId = randomUUID();
    await readModelsTesting.appendHistory(store, applicationId, linkedHistory(kk.documentId, kk.sha256, linkId, expiresAt.toISOString()));
    links.push({ token: signSelfPrintToken({ applicationId, linkId, expiresAt }, signer), kk });
  }
  await store.close();

  // Spread over the applications so each is downloaded a few times per round, as families do.
  const linkOf = (i: number) => links[(i * 7) % APPLICATIONS];
  const pass = await measureKkDownloads({
    name: 'self-print-download',
    setup,
    total: DOWNLOADS,
    rounds: ROUNDS,
    // The public limit (30 a minute per address) would throttle the one client here (infra/bench.sh sets it too).
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_PUBLIC_PER_MIN: '1000000' },
    readyText: '', // ready when it serves the first link: at LOG_LEVEL=warn it prints nothing on start
    maxTries: 1200,
    download: (port, i) => ({ url: `http://127.0.0.1:${port}/cetak/${linkOf(i).token}`, kk: linkOf(i).kk }),
    route: 'GET /cetak/{token} (download recorded)',
    kkBytes: objects.reduce((a, k) => a + k.bytes, 0) / KKS,
    head: { applications: APPLICATIONS },
  });
  process.exit(pass ? 0 : 1);
}

runBench(main);
