import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { startTestIssuer } from '@adminduk/documents/testing';
import { createDevPki, Pkcs12Signer, renderKkPdf, sampleKkCard, signedKkObjectKey } from '@adminduk/kk-document';
import type { MinioObjectStorage } from '@adminduk/storage';
import { createTestSchema, freePort } from '@adminduk/testing';
import {
  drain,
  keptAliveClient,
  ratioVerdict,
  resultsHead,
  serviceVersusRaw,
  startLocalS3,
  startPrinting,
  untilServed,
  writeResults,
} from './service-bench';

/**
 * What the two KK download benchmarks (bench/print-download.bench.ts, bench/self-print-download.bench.ts)
 * share: a schema, the test issuer and s3rver in its own process; KKs stored as the signing service
 * stores them; the printing service in its own process; the route against raw S3 `getObject` of the
 * same objects at the same concurrency, the results file and its table.
 */

export const CONCURRENCY = 8;

/** A KK object in the bucket, under the key the signing service gives it. */
export interface StoredKk {
  documentId: string;
  sha256: string;
  key: string;
  bytes: number;
}

export type DownloadBenchSetup = Awaited<ReturnType<typeof startDownloadBench>>;

/** The schema, the issuer and the S3 server of one download bench (`name`: schema and bucket prefix). */
export async function startDownloadBench(name: string) {
  const schema = await createTestSchema(name);
  const issuer = await startTestIssuer();
  const s3 = await startLocalS3(name);
  return { schema, issuer, s3 };
}

/**
 * `count` full 8-member KKs stored as the signing service stores them: under signedKkObjectKey, each
 * `documentId` from `documentIdOf`. `pades`: signed (PAdES) like the real ones; the bytes are what the
 * downloads measure, the signature only makes the file the real size.
 */
export async function storeKks(
  raw: MinioObjectStorage,
  count: number,
  o: { pades: boolean; documentIdOf?: () => string },
): Promise<StoredKk[]> {
  const signer = o.pades ? new Pkcs12Signer({ p12: createDevPki({ passphrase: 'bench' }).p12, passphrase: 'bench' }) : undefined;
  const kks: StoredKk[] = [];
  for (let i = 0; i < count; i++) {
    const rendered = await renderKkPdf(sampleKkCard(8, randomUUID()));
    const pdf = signer
      ? (await signer.sign({ pdf: rendered.pdf, placement: rendered.signatureRect, reason: 'Penerbitan KK', location: 'Sidoarjo' })).pdf
      : rendered.pdf;
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const documentId = o.documentIdOf?.() ?? randomUUID();
    const key = signedKkObjectKey(documentId, sha256);
    await raw.putObject(key, Readable.from([pdf]), { size: pdf.length, sha256Hex: sha256, contentType: 'application/pdf' });
    kks.push({ documentId, sha256, key, bytes: pdf.length });
  }
  return kks;
}

/** One download of the route: its URL and headers, and the KK it must answer with. */
export interface RouteDownload {
  url: string;
  headers?: Record<string, string>;
  kk: StoredKk;
}

/**
 * The printing service started on the bench's schema and bucket, the route's downloads (`download(i)`,
 * the `i`-th of a round) measured against raw S3 `getObject` of the same objects: the S3 client's
 * own `getObject` (minio), not the storage adapter, so the baseline stays the standard client's,
 * whatever the adapter does. Writes bench/results/<name>.json (`head`: the bench's own fields) and
 * prints the table; returns whether the target (>= 0.5) was met.
 */
export async function measureKkDownloads(o: {
  name: string;
  setup: DownloadBenchSetup;
  total: number;
  rounds: number;
  /** The printing service's extra environment and the text it prints once listening ('' = none). */
  env: Record<string, string>;
  readyText: string;
  /** Tries (100 ms apart) before the first download must have worked. */
  maxTries: number;
  download: (port: number, i: number) => RouteDownload;
  route: string;
  /** Mean size of the KKs downloaded (MB/s in the results). */
  kkBytes: number;
  head: Record<string, unknown>;
}): Promise<boolean> {
  const { schema, issuer, s3 } = o.setup;
  const port = await freePort();
  const printing = await startPrinting({
    port,
    databaseUrl: schema.url,
    issuer,
    s3: { endpoint: s3.endpoint, bucket: s3.bucket },
    env: o.env,
    readyText: o.readyText,
    cpuProfileDir: process.env.BENCH_CPU_PROF_DIR,
  });
  // The same kind of client on both sides (node:http, kept-alive connections, as the minio client uses).
  const client = keptAliveClient(CONCURRENCY);
  const viaService = async (i: number) => {
    const { url, headers, kk } = o.download(port, i);
    const { status, bytes } = await client(url, headers);
    if (status !== 200 || bytes !== kk.bytes) throw new Error(`download ${i}: HTTP ${status}, ${bytes} bytes`);
  };
  const viaRaw = async (i: number) => {
    const { kk } = o.download(port, i);
    const n = await drain(await s3.raw.rawClient.getObject(s3.bucket, kk.key));
    if (n !== kk.bytes) throw new Error(`raw ${i}: ${n} bytes`);
  };
  // Until the service is up (its stores connect in the background).
  const first = o.download(port, 0);
  await untilServed('printing never served the KK', () => fetch(first.url, { headers: first.headers }), o.maxTries);
  const measured = await serviceVersusRaw({
    concurrency: CONCURRENCY,
    total: o.total,
    rounds: o.rounds,
    viaService,
    viaRaw,
    processes: { printing: printing.pid, s3rver: s3.child.pid },
  });
  if (process.env.BENCH_CPU_PROF_DIR) console.log(`measured window=${measured.window}`);
  const { service, raw, ratio, serviceRates, rawRates } = measured;
  const results = {
    ...resultsHead(o.name, CONCURRENCY),
    downloadsPerRound: o.total,
    rounds: o.rounds,
    ...o.head,
    kkBytes: Math.round(o.kkBytes),
    throughput: {
      serviceDownloadsPerSec: +service.toFixed(1),
      rawGetObjectPerSec: +raw.toFixed(1),
      serviceMBps: +((service * o.kkBytes) / 1048576).toFixed(2),
      rawMBps: +((raw * o.kkBytes) / 1048576).toFixed(2),
      ...ratioVerdict({ ratio, serviceRates, rawRates }),
    },
    cpuMsPerDownload: measured.cpuMsPerJob,
  };
  writeResults(o.name, results);
  console.table([
    { metric: `${o.route}, ${CONCURRENCY} concurrent`, value: `${results.throughput.serviceDownloadsPerSec} KK/s` },
    { metric: `raw S3 getObject, ${CONCURRENCY} concurrent`, value: `${results.throughput.rawGetObjectPerSec} KK/s` },
    { metric: 'route / raw (target >= 0.5)', value: `${results.throughput.ratio} ${results.throughput.pass ? 'PASS' : 'FAIL'}` },
    { metric: 'printing CPU ms per download', value: `${results.cpuMsPerDownload.service.printing ?? '?'}` },
  ]);
  await issuer.close();
  await schema.drop();
  return results.throughput.pass;
}
