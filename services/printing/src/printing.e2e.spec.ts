import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { signedKkObjectKey } from '@adminduk/kk-document';
import { createLogger } from '@adminduk/observability';
import { eventually } from '@adminduk/testing';
import { createPrintingApp } from './printing.app';
import { dueDay } from './receipt/receipt-slip-data';
import { loadPrintingConfig } from './printing.config';

const REQUIREMENTS = [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const PUBLIC_BASE_URL = 'https://layanan.example.go.id';
const hasPdfTools = ['pdftotext'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);

/** GET of a binary resource with a bearer token. */
async function download(url: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer; json?: any }> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await r.arrayBuffer());
  const json = r.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: r.status, headers: r.headers, bytes, json };
}

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'printing-e2e-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

describe('counter delivery: receipt slip, print queue, print, reprint with a reason, hand-over', () => {
  let platform: InProcessPlatform;
  let printing: INestApplication;
  let printingUrl: string;
  let store: PostgresEventStore;
  const tokens: Record<string, string> = {};
  let gatewayOperator: ApiClient;
  let printer: ApiClient;
  let otherPrinter: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ signing: { autoSign: true } });
    const config = loadPrintingConfig({
      ...platform.envFor('printing'),
      PUBLIC_BASE_URL,
      ...platform.signing!.storageEnv,
    });
    printing = await createPrintingApp(config, createLogger({ service: 'printing', level: 'warn' }));
    await printing.listen(0, '127.0.0.1');
    printingUrl = `http://127.0.0.1:${(printing.getHttpServer().address() as AddressInfo).port}`;
    await eventually(async () => {
      const r = await fetch(`${printingUrl}/health/ready`);
      if (r.status !== 200) throw new Error(`printing not ready: ${await r.text()}`);
    }, 20_000);
    for (const u of ['operator.balongbendo', 'operator.tarik', 'auditor']) tokens[u] = await platform.token(u);
    gatewayOperator = new ApiClient(platform.gatewayUrl, tokens['operator.balongbendo']);
    printer = new ApiClient(printingUrl, tokens['operator.balongbendo']);
    otherPrinter = new ApiClient(printingUrl, tokens['operator.tarik']);
    auditor = new ApiClient(printingUrl, tokens['auditor']);
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await printing?.close();
    await platform?.close();
  });

  const streamOf = async (id: string) =>
    (await store.readStream(applicationStreamId(id))).map((e) => ({ type: e.type, data: e.data as any }));
  const queueIds = async () => {
    const q = await printer.get('/api/printing/queue?pageSize=100');
    expect(q.status).toBe(200);
    return (q.body.items as Array<{ applicationId: string }>).map((i) => i.applicationId);
  };

  it('counter application -> receipt slip PDF -> signed (auto) -> queue -> print -> reprint with reason -> collection', async () => {
    // At the counter: submitted with every requirement handed in, verified complete: the receipt is issued.
    const submitted = await gatewayOperator.post('/api/applications', counterSubmission());
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    await eventually(async () => {
      if ((await gatewayOperator.get(`/api/applications/${id}`)).status !== 200) throw new Error('not projected yet');
    }, 10_000);
    const early = await download(`${printingUrl}/api/printing/receipts/${id}.pdf`, tokens['operator.balongbendo']);
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ code: 'RECEIPT_NOT_ISSUED' });
    for (const req of REQUIREMENTS)
      expect((await gatewayOperator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await gatewayOperator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    const done = await gatewayOperator.post(`/api/applications/${id}/verification/complete`);
    expect(done.status).toBe(200);
    const receiptNumber = done.body.receiptNumber as string;

    // The tanda terima: right away (read from the stream, not a lagging view), operators of the kecamatan only.
    const receipt = await download(`${printingUrl}/api/printing/receipts/${id}.pdf`, tokens['operator.balongbendo']);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await download(`${printingUrl}/api/printing/receipts/${id}.pdf`, tokens['operator.tarik'])).status).toBe(403);
    const view = await eventually(async () => {
      const v = (await gatewayOperator.get(`/api/applications/${id}`)).body;
      if (!v.slaDueAt) throw new Error('due time not projected yet');
      return v;
    }, 10_000);
    if (hasPdfTools) {
      const text = pdfText(receipt.bytes);
      expect(text).toContain(receiptNumber);
      expect(text).toContain(dueDay(new Date(view.slaDueAt)));
      expect(text).toContain('Rp 0 (gratis)');
      expect(text).toContain('3515********0001');
      expect(text).not.toContain(counterSubmission().applicant.nik);
    }

    // Signed by the development auto-signer, then in the kecamatan's print queue (and no other).
    const signed = await eventually(async () => {
      const e = (await streamOf(id)).find((x) => x.type === 'KkSigned');
      if (!e) throw new Error('not signed yet');
      return e.data as { documentId: string; sha256: string };
    }, 30_000);
    await eventually(async () => {
      if (!(await queueIds()).includes(id)) throw new Error('not in the print queue yet');
    }, 10_000);
    const otherQueue = await otherPrinter.get('/api/printing/queue');
    expect(otherQueue.status).toBe(200);
    expect(otherQueue.body.items.map((i: any) => i.applicationId)).not.toContain(id);
    expect((await auditor.get('/api/printing/queue')).status).toBe(403);

    // The signed PDF through the service's own route: byte for byte what was signed; other kecamatan refused.
    const kk = await download(`${printingUrl}/api/printing/applications/${id}/kk.pdf`, tokens['operator.balongbendo']);
    expect(kk.status).toBe(200);
    const stored = await platform.signing!.readAll(signedKkObjectKey(signed.documentId, signed.sha256));
    expect(kk.bytes.equals(stored)).toBe(true);
    expect(createHash('sha256').update(kk.bytes).digest('hex')).toBe(signed.sha256);
    expect(kk.headers.get('x-sha256')).toBe(signed.sha256);
    expect(kk.headers.get('cache-control')).toBe('private, no-store');
    const refused = await download(`${printingUrl}/api/printing/applications/${id}/kk.pdf`, tokens['operator.tarik']);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'PRINT_FORBIDDEN' });
    // Reading the slip and the KK is recorded for the auditor (decision 0016); refused reads are not.
    const log = await new ApiClient(platform.gatewayUrl, tokens['auditor']).get(`/api/applications/${id}/access-log`);
    expect(log.body.records.map((r: { viewer: { role: string }; view: unknown }) => [r.viewer.role, r.view])).toEqual([
      ['operator-kecamatan', { kind: 'receipt' }],
      ['operator-kecamatan', { kind: 'signed-kk', documentId: signed.documentId }],
    ]);

    // Print: the workstation is required; recorded once with operator and workstation.
    const noWorkstation = await printer.post(`/api/printing/applications/${id}/print`, {});
    expect(noWorkstation.status).toBe(400);
    expect(noWorkstation.body.errors.map((e: any) => e.field)).toContain('workstation');
    expect((await otherPrinter.post(`/api/printing/applications/${id}/print`, { workstation: 'LOKET-9' })).status).toBe(403);
    const key = randomUUID();
    const printed = await printer.post(`/api/printing/applications/${id}/print`, { workstation: 'LOKET-1' }, key);
    expect(printed.status).toBe(200);
    expect(printed.body.events).toEqual(['KkPrinted']);
    // A retried request (same Idempotency-Key) is the same print, not a second one.
    expect((await printer.post(`/api/printing/applications/${id}/print`, { workstation: 'LOKET-1' }, key)).body.replayed).toBe(true);
    const again = await printer.post(`/api/printing/applications/${id}/print`, { workstation: 'LOKET-1' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PRINT_ALREADY_PRINTED');
    await eventually(async () => {
      if ((await queueIds()).includes(id)) throw new Error('still in the print queue');
    }, 10_000);

    // Reprint: a reason from the list (a note for "lainnya"), its own event.
    const noNote = await printer.post(`/api/printing/applications/${id}/reprint`, { workstation: 'LOKET-2', reasonCode: 'lainnya' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors.map((e: any) => e.field)).toContain('note');
    const badReason = await printer.post(`/api/printing/applications/${id}/reprint`, { workstation: 'LOKET-2', reasonCode: 'bosan' });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors.map((e: any) => e.field)).toContain('reasonCode');
    const reprinted = await printer.post(`/api/printing/applications/${id}/reprint`, {
      workstation: 'LOKET-2',
      reasonCode: 'kertas-rusak',
    });
    expect(reprinted.status).toBe(200);
    expect(reprinted.body.events).toEqual(['KkReprinted']);

    const events = await streamOf(id);
    expect(events.find((e) => e.type === 'KkPrinted')?.data).toMatchObject({
      printedBy: { userId: 'demo-operator-balongbendo' },
      workstation: 'LOKET-1',
    });
    expect(events.find((e) => e.type === 'KkReprinted')?.data).toMatchObject({ workstation: 'LOKET-2', reasonCode: 'kertas-rusak' });

    // The counts, for auditors.
    const counts = await eventually(async () => {
      const c = await auditor.get('/api/printing/counts');
      const row = c.body.items?.find((r: any) => r.applicationId === id);
      if (!row || row.reprints < 1) throw new Error('counts not projected yet');
      return row;
    }, 10_000);
    expect(counts).toMatchObject({
      prints: 1,
      reprints: 1,
      reprintReasons: { 'kertas-rusak': 1 },
      lastWorkstation: 'LOKET-2',
      receiptNumber,
    });
    expect((await auditor.get('/api/printing/counts?kecamatan=35.15.11')).body.total).toBe(0);
    expect((await otherPrinter.get('/api/printing/counts?kecamatan=35.15.12')).status).toBe(403);

    // Hand-over through the gateway's collection command; nothing is printed after it.
    const collected = await gatewayOperator.post(`/api/applications/${id}/collection`, { collectorNik: counterSubmission().applicant.nik });
    expect(collected.status).toBe(200);
    expect(collected.body.events).toEqual(['KkCollected']);
    const late = await printer.post(`/api/printing/applications/${id}/reprint`, { workstation: 'LOKET-2', reasonCode: 'salah-cetak' });
    expect(late.status).toBe(409);
    // The print route reads the read models: once they have the hand-over, the PDF is no longer served.
    await eventually(async () => {
      const r = await download(`${printingUrl}/api/printing/applications/${id}/kk.pdf`, tokens['operator.balongbendo']);
      if (r.status !== 409) throw new Error(`still ${r.status}`);
    }, 10_000);
  }, 120_000);

  it('refuses unauthenticated callers, bad ids and other roles', async () => {
    expect((await fetch(`${printingUrl}/api/printing/queue`)).status).toBe(401);
    const id = randomUUID();
    const unknown = await download(`${printingUrl}/api/printing/applications/${id}/kk.pdf`, tokens['operator.balongbendo']);
    expect(unknown.status).toBe(404);
    const bad = await download(`${printingUrl}/api/printing/applications/not-a-uuid/kk.pdf`, tokens['operator.balongbendo']);
    expect(bad.status).toBe(400);
    expect((await download(`${printingUrl}/api/printing/receipts/${id}.pdf`, tokens['auditor'])).status).toBe(403);
    const page = await printer.get('/api/printing/queue?pageSize=1000');
    expect(page.status).toBe(400);
  });
});
