/**
 * Print downloads benchmark (issue 11 target, 2 cores): the signed KK served for printing through the
 * printing service's own route (`GET /api/printing/applications/{id}/kk.pdf`: token check, one
 * read-model query for the signed document, the read recorded on the application's access stream
 * (decision 0016) while the object is opened in S3, the object streamed) reaches >= 50% of the
 * throughput of raw S3 `getObject` (the S3 client's own) of the same objects, both at 8 concurrent
 * downloads, same run. The results also give the CPU milliseconds per download of each process on
 * either path (cpuMsPerDownload): on a shared machine the rates move with the load, the CPU per
 * download much less. The printing service and the S3 server (s3rver) each run as their own process;
 * the set-up they share with the self-print bench is bench/lib/kk-download-bench.ts.
 *   node -r @swc-node/register bench/print-download.bench.ts      → bench/results/print-download.json
 * BENCH_PRINT_DOWNLOADS (default 400) downloads per measured round; BENCH_CPU_PROF_DIR profiles the service.
 */
import { randomUUID } from 'node:crypto';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { allProjections, catchUpInTransaction, createReadModelDataSource, readModelsTesting } from '@adminduk/read-models';
import { eventually } from '@adminduk/testing';
import { measureKkDownloads, startDownloadBench, storeKks, type StoredKk } from './lib/kk-download-bench';
import { runBench } from './lib/service-bench';

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
  const setup = await startDownloadBench('printbench');
  // KKs as the signing service stores them: a full 8-member card, signed (PAdES), under signedKkObjectKey.
  const stored = await storeKks(setup.s3.raw, KKS, { pades: true, documentIdOf: () => `bench-${randomUUID()}` });
  const store = await PostgresEventStore.create({ connectionString: setup.schema.url, max: 2 });
  const kks: Array<{ applicationId: string; kk: StoredKk }> = [];
  for (const kk of stored) {
    const applicationId = randomUUID();
    await readModelsTesting.appendHistory(store, applicationId, signedHistory(kk.documentId, kk.sha256));
    kks.push({ applicationId, kk });
  }
  // The read models the print route reads (application_view, signed_document_view), as the projections service keeps them.
  const ds = await createReadModelDataSource(setup.schema.url).initialize();
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

  const token = await setup.issuer.token({ sub: 'operator-bench', role: 'operator-kecamatan', kecamatan: '35.15.12' });
  const pass = await measureKkDownloads({
    name: 'print-download',
    setup,
    total: DOWNLOADS,
    rounds: ROUNDS,
    env: { LOG_LEVEL: 'info' },
    readyText: 'printing listening',
    maxTries: 200,
    download: (port, i) => ({
      url: `http://127.0.0.1:${port}/api/printing/applications/${kks[i % KKS].applicationId}/kk.pdf`,
      headers: { authorization: `Bearer ${token}` },
      kk: kks[i % KKS].kk,
    }),
    route: 'printing route',
    kkBytes: stored.reduce((a, k) => a + k.bytes, 0) / KKS,
    head: {},
  });
  process.exit(pass ? 0 : 1);
}

runBench(main);
