/**
 * Self-print downloads benchmark (issue 11 target, 2 cores): `GET /cetak/{token}` of the printing
 * service (token signature and expiry, the application's stream read, the object opened in S3, the
 * download recorded as KkSelfPrinted through the write path, the bytes streamed) reaches >= 50% of
 * the throughput of raw S3 `getObject` of the same objects, both at 8 concurrent downloads, same run.
 * Every download appends an event, so the links are spread over many applications (a family
 * downloads a few times, not thousands). The printing service and s3rver each run as their own process.
 *   node -r @swc-node/register bench/self-print-download.bench.ts   → bench/results/self-print-download.json
 * BENCH_SELF_PRINT_DOWNLOADS (default 400) downloads per measured round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startTestIssuer } from '@adminduk/documents/testing';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { renderKkPdf, sampleKkCard, signedKkObjectKey } from '@adminduk/kk-document';
import { readModelsTesting } from '@adminduk/read-models';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, signSelfPrintToken } from '@adminduk/self-print-token';
import { MinioObjectStorage } from '@adminduk/storage';
import { createTestSchema } from '@adminduk/testing';

const ROOT = join(__dirname, '..');
const CONCURRENCY = 8;
const DOWNLOADS = Number(process.env.BENCH_SELF_PRINT_DOWNLOADS ?? 400);
const ROUNDS = 3;
const KKS = 8;
const APPLICATIONS = 240;

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function startNode(script: string, env: Record<string, string>, readyText: string, nodeArgs: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    if (readyText === '') resolve(child);
    let out = '';
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-4000);
      if (out.includes(readyText)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** `total` jobs over `CONCURRENCY` workers; returns jobs per second. */
async function run(total: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

async function drain(body: Readable): Promise<number> {
  let n = 0;
  for await (const c of body) n += (c as Buffer).length;
  return n;
}

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
  const s3Port = await freePort();
  await startNode(
    'infra/s3-local.ts',
    { S3_LOCAL_PORT: String(s3Port), S3_LOCAL_DIR: join(tmpdir(), `selfprintbench-s3-${randomBytes(3).toString('hex')}`) },
    'listening',
  );
  const endpoint = `http://127.0.0.1:${s3Port}`;
  const bucket = `selfprintbench-${randomBytes(3).toString('hex')}`;
  const raw = new MinioObjectStorage({ endpoint, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket });
  await raw.ensureBucket();

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
  await startNode(
    'services/printing/src/main.ts',
    {
      ADMINDUK_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: schema.url,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      LOG_LEVEL: 'warn',
      // The public limit (30 a minute per address) would throttle the one client here (infra/bench.sh sets it too).
      RATE_LIMIT_PUBLIC_PER_MIN: '1000000',
    },
    '', // ready when it serves the first link (below): at LOG_LEVEL=warn it prints nothing on start
    // BENCH_CPU_PROF=<dir>: a V8 profile of the printing process (bench/cpu-profile-summary.ts reads it).
    process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
  );
  // Spread over the applications so each is downloaded a few times per round, as families do.
  const linkOf = (i: number) => links[(i * 7) % APPLICATIONS];
  const viaService = async (i: number) => {
    const { token, object } = linkOf(i);
    const res = await fetch(`http://127.0.0.1:${port}/cetak/${token}`);
    const n = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200 || n !== object.bytes) throw new Error(`download ${i}: HTTP ${res.status}, ${n} bytes`);
  };
  const viaRaw = async (i: number) => {
    const { object } = linkOf(i);
    const n = await drain(await raw.getObject(object.key));
    if (n !== object.bytes) throw new Error(`raw ${i}: ${n} bytes`);
  };

  // Until the service is up (its stores connect in the background), then warm both paths.
  for (let tries = 0; ; tries++) {
    const res = await fetch(`http://127.0.0.1:${port}/cetak/${links[0].token}`).catch(() => undefined);
    await res?.arrayBuffer();
    if (res?.status === 200) break;
    if (tries > 1200) throw new Error(`printing never served the KK (last ${res?.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await run(80, viaService);
  await run(80, viaRaw);

  const serviceRates: number[] = [];
  const rawRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    serviceRates.push(await run(DOWNLOADS, viaService));
    rawRates.push(await run(DOWNLOADS, viaRaw));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const service = median(serviceRates);
  const rawRate = median(rawRates);
  const ratio = service / rawRate;
  const results = {
    benchmark: 'self-print-download',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    s3Server: 's3rver (separate process)',
    concurrency: CONCURRENCY,
    downloadsPerRound: DOWNLOADS,
    rounds: ROUNDS,
    applications: APPLICATIONS,
    kkBytes: Math.round(objects.reduce((a, k) => a + k.bytes, 0) / KKS),
    throughput: {
      selfPrintDownloadsPerSec: +service.toFixed(1),
      rawGetObjectPerSec: +rawRate.toFixed(1),
      ratio: +ratio.toFixed(2),
      target: 0.5,
      pass: ratio >= 0.5,
      serviceRounds: serviceRates.map((r) => +r.toFixed(1)),
      rawRounds: rawRates.map((r) => +r.toFixed(1)),
    },
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/self-print-download.json'), `${JSON.stringify(results, null, 2)}\n`);
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

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
