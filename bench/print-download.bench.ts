/**
 * Print downloads benchmark (issue 11 target, 2 cores): the signed KK served for printing through the
 * printing service's own route (`GET /api/printing/applications/{id}/kk.pdf`: token check, one
 * read-model query for the signed document, the read recorded on the application's access stream
 * (decision 0016), the object streamed from S3) reaches >= 50% of the throughput of raw S3
 * `getObject` of the same objects, both at 8 concurrent downloads, same run. The results also give
 * the CPU milliseconds per download of each process on either path (cpuMsPerDownload): on a shared
 * machine the rates move with the load, the CPU per download much less.
 * The printing service and the S3 server (s3rver) each run as their own process.
 *   node -r @swc-node/register bench/print-download.bench.ts      → bench/results/print-download.json
 * BENCH_PRINT_DOWNLOADS (default 400) downloads per measured round; BENCH_CPU_PROF_DIR profiles the service.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { startTestIssuer } from '@adminduk/documents/testing';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createDevPki, Pkcs12Signer, renderKkPdf, sampleKkCard, signedKkObjectKey } from '@adminduk/kk-document';
import { allProjections, catchUpInTransaction, createReadModelDataSource, readModelsTesting } from '@adminduk/read-models';
import { createTestSchema, eventually, freePort } from '@adminduk/testing';
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
const DOWNLOADS = Number(process.env.BENCH_PRINT_DOWNLOADS ?? 400);
const ROUNDS = 5;
const KKS = 8;

/** A counter application of Balongbendo signed with this document id and hash (no signer run: the bytes are what matter). */
function signedHistory(documentId: string, sha256: string) {
  const s = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik();
  s.run({ type: 'RecordSignature', actor: domainTesting.actors.signer, data: domainTesting.signatureData(documentId, sha256, s.now) });
  return s.events;
}

async function main(): Promise<void> {
  const schema = await createTestSchema('printbench');
  const issuer = await startTestIssuer();
  const { child: s3, endpoint, bucket, raw } = await startLocalS3('printbench');

  // KKs as the signing service stores them: a full 8-member card, signed (PAdES), under signedKkObjectKey.
  const store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
  const kks: Array<{ applicationId: string; key: string; bytes: number }> = [];
  const pki = createDevPki({ passphrase: 'bench' });
  const signer = new Pkcs12Signer({ p12: pki.p12, passphrase: 'bench' });
  for (let i = 0; i < KKS; i++) {
    const rendered = await renderKkPdf(sampleKkCard(8, randomUUID()));
    const { pdf } = await signer.sign({
      pdf: rendered.pdf,
      placement: rendered.signatureRect,
      reason: 'Penerbitan KK',
      location: 'Sidoarjo',
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const documentId = `bench-${randomUUID()}`;
    const key = signedKkObjectKey(documentId, sha256);
    await raw.putObject(key, Readable.from([pdf]), { size: pdf.length, sha256Hex: sha256, contentType: 'application/pdf' });
    const applicationId = randomUUID();
    await readModelsTesting.appendHistory(store, applicationId, signedHistory(documentId, sha256));
    kks.push({ applicationId, key, bytes: pdf.length });
  }
  // The read models the print route reads (application_view, signed_document_view), as the projections service keeps them.
  const ds = await createReadModelDataSource(schema.url).initialize();
  // readAll stops below the oldest transaction still running in the whole database (decision 0005):
  // on a shared server another session's open transaction can hide the events just appended, so
  // catch up until every KK is in the view (the route would answer 404 otherwise).
  const projected = async () =>
    Number(
      (
        (await ds.query(`SELECT count(*) AS n FROM application_view WHERE application_id = ANY($1::uuid[])`, [
          kks.map((k) => k.applicationId),
        ])) as Array<{ n: string }>
      )[0].n,
    );
  await eventually(
    async () => {
      await catchUpInTransaction(ds, allProjections(), store, 'end');
      if ((await projected()) < KKS) throw new Error('the read model does not show every signed KK yet');
    },
    60_000,
    200,
  );
  await ds.destroy();
  await store.close();

  const port = await freePort();
  const printing = await startPrinting({
    port,
    databaseUrl: schema.url,
    issuer,
    s3: { endpoint, bucket },
    env: { LOG_LEVEL: 'info' },
    readyText: 'printing listening',
    cpuProfileDir: process.env.BENCH_CPU_PROF_DIR,
  });
  const token = await issuer.token({ sub: 'operator-bench', role: 'operator-kecamatan', kecamatan: '35.15.12' });
  const url = (i: number) => `http://127.0.0.1:${port}/api/printing/applications/${kks[i % KKS].applicationId}/kk.pdf`;
  const download = keptAliveClient(CONCURRENCY);
  const viaService = async (i: number) => {
    const { status, bytes } = await download(url(i), { authorization: `Bearer ${token}` });
    if (status !== 200 || bytes !== kks[i % KKS].bytes) throw new Error(`download ${i}: HTTP ${status}, ${bytes} bytes`);
  };
  const viaRaw = async (i: number) => {
    const n = await drain(await raw.getObject(kks[i % KKS].key));
    if (n !== kks[i % KKS].bytes) throw new Error(`raw ${i}: ${n} bytes`);
  };

  // Until the service is up (its stores connect in the background).
  await untilServed('printing never served the KK', () => fetch(url(0), { headers: { authorization: `Bearer ${token}` } }), 200);
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
  const meanBytes = kks.reduce((a, k) => a + k.bytes, 0) / KKS;
  const results = {
    ...resultsHead('print-download', CONCURRENCY),
    downloadsPerRound: DOWNLOADS,
    rounds: ROUNDS,
    kkBytes: Math.round(meanBytes),
    throughput: {
      serviceDownloadsPerSec: +service.toFixed(1),
      rawGetObjectPerSec: +rawRate.toFixed(1),
      serviceMBps: +((service * meanBytes) / 1048576).toFixed(2),
      rawMBps: +((rawRate * meanBytes) / 1048576).toFixed(2),
      ...ratioVerdict({ ratio, serviceRates, rawRates }),
    },
    cpuMsPerDownload: measured.cpuMsPerJob,
  };
  writeResults('print-download', results);
  console.table([
    {
      metric: `printing route, ${CONCURRENCY} concurrent`,
      value: `${results.throughput.serviceDownloadsPerSec} KK/s`,
      target: '',
      pass: '',
    },
    { metric: `raw S3 getObject, ${CONCURRENCY} concurrent`, value: `${results.throughput.rawGetObjectPerSec} KK/s`, target: '', pass: '' },
    { metric: 'printing / raw', value: results.throughput.ratio, target: '>= 0.5', pass: results.throughput.pass },
  ]);
  await issuer.close();
  await schema.drop();
  process.exit(results.throughput.pass ? 0 : 1);
}

runBench(main);
