/**
 * Self-print downloads benchmark (issue 11 target, 2 cores): `GET /cetak/{token}` of the printing
 * service (token signature and expiry, the application's stream read or the state its last download
 * left (decision 0025, addendum), the object opened in S3, the download recorded as KkSelfPrinted
 * through the write path, the bytes streamed) reaches >= 50% of
 * the throughput of raw S3 `getObject` of the same objects, both at 8 concurrent downloads, same run.
 * Every download appends an event, so the links are spread over many applications (a family
 * downloads a few times, not thousands). The printing service and s3rver each run as their own process.
 *   node -r @swc-node/register bench/self-print-download.bench.ts   → bench/results/self-print-download.json
 * BENCH_SELF_PRINT_DOWNLOADS (default 400) downloads per measured round; BENCH_CPU_PROF_DIR profiles the service.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { startTestIssuer } from '@adminduk/documents/testing';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { renderKkPdf, sampleKkCard, signedKkObjectKey } from '@adminduk/kk-document';
import { readModelsTesting } from '@adminduk/read-models';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, signSelfPrintToken } from '@adminduk/self-print-token';
import { createTestSchema, freePort } from '@adminduk/testing';
import {
  drain,
  keptAliveClient,
  ratioVerdict,
  resultsHead,
  runBench,
  serviceVersusRaw,
  startLocalS3,
  startPrinting,
  untilServed,
  writeResults,
} from './lib/service-bench';

const CONCURRENCY = 8;
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
  const schema = await createTestSchema('selfprintbench');
  const issuer = await startTestIssuer();
  const { child: s3, endpoint, bucket, raw } = await startLocalS3('selfprintbench');

  // 8 KKs as the signing service stores them; many applications (each with its link) share them.
  const objects: Array<{ documentId: string; sha256: string; key: string; bytes: number }> = [];
  for (let i = 0; i < KKS; i++) {
    const { pdf } = await renderKkPdf(sampleKkCard(8, randomUUID()));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const documentId = randomUUID();
    const key = signedKkObjectKey(documentId, sha256);
    await raw.putObject(key, Readable.from([pdf]), { size: pdf.length, sha256Hex: sha256, contentType: 'application/pdf' });
    objects.push({ documentId, sha256, key, bytes: pdf.length });
  }
  const store = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
  const signer = selfPrintSigningKey(DEV_SELF_PRINT_SEED);
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const links: Array<{ token: string; object: (typeof objects)[number] }> = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const object = objects[i % KKS];
    const applicationId = randomUUID();
    const linkId = randomUUID();
    await readModelsTesting.appendHistory(
      store,
      applicationId,
      linkedHistory(object.documentId, object.sha256, linkId, expiresAt.toISOString()),
    );
    links.push({ token: signSelfPrintToken({ applicationId, linkId, expiresAt }, signer), object });
  }
  await store.close();

  const port = await freePort();
  const printing = await startPrinting({
    port,
    databaseUrl: schema.url,
    issuer,
    s3: { endpoint, bucket },
    // The public limit (30 a minute per address) would throttle the one client here (infra/bench.sh sets it too).
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_PUBLIC_PER_MIN: '1000000' },
    readyText: '', // ready when it serves the first link (below): at LOG_LEVEL=warn it prints nothing on start
    cpuProfileDir: process.env.BENCH_CPU_PROF_DIR,
  });
  // Spread over the applications so each is downloaded a few times per round, as families do.
  const linkOf = (i: number) => links[(i * 7) % APPLICATIONS];
  // The same kind of client on both sides (node:http, kept-alive connections, as the minio client uses).
  const download = keptAliveClient(CONCURRENCY);
  const viaService = async (i: number) => {
    const { token, object } = linkOf(i);
    const { status, bytes } = await download(`http://127.0.0.1:${port}/cetak/${token}`);
    if (status !== 200 || bytes !== object.bytes) throw new Error(`download ${i}: HTTP ${status}, ${bytes} bytes`);
  };
  const viaRaw = async (i: number) => {
    const { object } = linkOf(i);
    const n = await drain(await raw.getObject(object.key));
    if (n !== object.bytes) throw new Error(`raw ${i}: ${n} bytes`);
  };

  // Until the service is up (its stores connect in the background).
  await untilServed('printing never served the KK', () => fetch(`http://127.0.0.1:${port}/cetak/${links[0].token}`), 1200);
  const measured = await serviceVersusRaw({
    concurrency: CONCURRENCY,
    total: DOWNLOADS,
    rounds: ROUNDS,
    viaService,
    viaRaw,
    processes: { printing: printing.pid, s3rver: s3.pid },
  });
  if (process.env.BENCH_CPU_PROF_DIR) console.log(`measured window=${measured.window}`);
  const { serviceRates, rawRates, service, raw: rawRate, ratio } = measured;
  const results = {
    ...resultsHead('self-print-download', CONCURRENCY),
    downloadsPerRound: DOWNLOADS,
    rounds: ROUNDS,
    applications: APPLICATIONS,
    kkBytes: Math.round(objects.reduce((a, k) => a + k.bytes, 0) / KKS),
    throughput: {
      selfPrintDownloadsPerSec: +service.toFixed(1),
      rawGetObjectPerSec: +rawRate.toFixed(1),
      ...ratioVerdict({ ratio, serviceRates, rawRates }),
    },
    cpuMsPerDownload: measured.cpuMsPerJob,
  };
  writeResults('self-print-download', results);
  console.table([
    {
      metric: `GET /cetak/{token} (download recorded), ${CONCURRENCY} concurrent`,
      value: `${results.throughput.selfPrintDownloadsPerSec} KK/s`,
    },
    { metric: `raw S3 getObject, ${CONCURRENCY} concurrent`, value: `${results.throughput.rawGetObjectPerSec} KK/s` },
    { metric: 'self-print / raw (target >= 0.5)', value: `${results.throughput.ratio} ${results.throughput.pass ? 'PASS' : 'FAIL'}` },
  ]);
  await issuer.close();
  await schema.drop();
  process.exit(results.throughput.pass ? 0 : 1);
}

runBench(main);
