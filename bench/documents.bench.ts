/**
 * Documents upload benchmark (issue 4 targets, 2 cores; issue 9 added the content check):
 *   - 8 concurrent 10 MB uploads: RSS growth of the documents process <= 64 MB: the streaming path
 *     held <= 32 MB; each of the DOCUMENTS_CHECK_CONCURRENCY (2) content checks now holds one whole
 *     file while it parses (the check threads themselves start with the service, in the baseline);
 *   - upload throughput >= 50% of raw `minio` putObject of the same bytes to the same server, same run.
 * The service runs as its own process (RSS sampled from /proc); the S3 server (s3rver) runs as another.
 *   node -r @swc-node/register bench/documents.bench.ts      → bench/results/documents.json
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@adminduk/event-store';
import { createTestSchema, freePort } from '@adminduk/testing';
import { APPLICANT_NIK, pdfBytes, seedApplication, startTestIssuer } from '@adminduk/documents/testing';
import { median, resultsHead, runBench, startLocalS3, startNode, writeResults } from './lib/service-bench';

const CONCURRENCY = 8;
const SIZE = 10 * 1024 * 1024;
const ROUNDS = 3;
const RSS_LIMIT_MB = 64;

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

async function main(): Promise<void> {
  const schema = await createTestSchema('docbench');
  const issuer = await startTestIssuer();
  const { child: s3, endpoint, bucket, raw } = await startLocalS3('docbench');
  const port = await freePort();
  const service = await startNode(
    'services/documents/src/main.ts',
    {
      ADMINDUK_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: schema.url,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      DOCUMENTS_SWEEP_INTERVAL_SEC: '3600',
      DOCUMENTS_ORPHAN_MAX_AGE_SEC: '7200',
      LOG_LEVEL: 'info',
    },
    'documents listening',
    { logFile: join(tmpdir(), 'services_documents_src_main_ts.bench.log') },
  );
  const store = await PostgresEventStore.create({ connectionString: schema.url });
  const token = await issuer.token({ sub: 'pemohon-bench', role: 'pemohon', nik: APPLICANT_NIK });
  const body = pdfBytes(SIZE, 'random'); // a valid PDF (the service parses it) with incompressible content

  const serviceRound = async (): Promise<number> => {
    const apps = await Promise.all(Array.from({ length: CONCURRENCY }, () => seedApplication(store, { applicantUserId: 'pemohon-bench' })));
    const t0 = performance.now();
    const statuses = await Promise.all(
      apps.map(async (app) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/applications/${app}/documents/kartu-keluarga`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    if (statuses.some((s) => s !== 201)) throw new Error(`uploads failed: ${statuses.join(',')}`);
    return (CONCURRENCY * SIZE) / seconds;
  };
  const rawRound = async (round: number): Promise<number> => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => raw.rawClient.putObject(bucket, `raw/${round}/${i}`, body, SIZE)));
    return (CONCURRENCY * SIZE) / ((performance.now() - t0) / 1000);
  };

  // Warm-up with small uploads only (routes, JIT, pools), so the baseline holds no 10 MB-era memory:
  // the growth below includes the very first burst of large uploads.
  const smallApp = await seedApplication(store, { applicantUserId: 'pemohon-bench' });
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/applications/${smallApp}/documents/kartu-keluarga`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: pdfBytes(20_000),
    });
    if (res.status !== 201) throw new Error(`warm-up upload failed: ${res.status}`);
  }
  await rawRound(-1);
  await new Promise((r) => setTimeout(r, 500));
  const pid = service.pid as number;
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) {
    idle.push(rssBytes(pid));
    await new Promise((r) => setTimeout(r, 25));
  }
  const baseline = idle.reduce((a, b) => a + b, 0) / idle.length;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 10);

  const serviceRates: number[] = [];
  const rawRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    serviceRates.push(await serviceRound());
    rawRates.push(await rawRound(round));
  }
  clearInterval(sampler);

  const mb = (x: number) => x / (1024 * 1024);
  const serviceMBps = mb(median(serviceRates));
  const rawMBps = mb(median(rawRates));
  const rssGrowthMB = mb(peak - baseline);
  const ratio = serviceMBps / rawMBps;
  const results = {
    ...resultsHead('documents-upload', CONCURRENCY),
    objectBytes: SIZE,
    rounds: ROUNDS,
    rss: {
      baselineMB: +mb(baseline).toFixed(1),
      peakMB: +mb(peak).toFixed(1),
      growthMB: +rssGrowthMB.toFixed(1),
      limitMB: RSS_LIMIT_MB,
      pass: rssGrowthMB <= RSS_LIMIT_MB,
    },
    throughput: {
      serviceMBps: +serviceMBps.toFixed(1),
      rawPutObjectMBps: +rawMBps.toFixed(1),
      ratio: +ratio.toFixed(2),
      target: 0.5,
      pass: ratio >= 0.5,
      serviceRoundsMBps: serviceRates.map((r) => +mb(r).toFixed(1)),
      rawRoundsMBps: rawRates.map((r) => +mb(r).toFixed(1)),
    },
  };
  writeResults('documents', results);
  console.table([
    {
      metric: `RSS growth, ${CONCURRENCY} x 10 MB concurrent`,
      value: `${results.rss.growthMB} MB`,
      target: `<= ${RSS_LIMIT_MB} MB`,
      pass: results.rss.pass,
    },
    { metric: 'service upload throughput', value: `${results.throughput.serviceMBps} MB/s`, target: '', pass: '' },
    { metric: 'raw minio putObject throughput', value: `${results.throughput.rawPutObjectMBps} MB/s`, target: '', pass: '' },
    { metric: 'service / raw', value: results.throughput.ratio, target: '>= 0.5', pass: results.throughput.pass },
  ]);

  service.kill('SIGTERM');
  s3.kill('SIGTERM');
  await store.close();
  await issuer.close();
  await schema.drop();
  process.exit(results.rss.pass && results.throughput.pass ? 0 : 1);
}

runBench(main);
