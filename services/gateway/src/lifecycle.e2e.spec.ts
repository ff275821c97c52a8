import { domainTesting } from '@adminduk/domain';
import { eventually } from '@adminduk/testing';
import { ApiClient, pdfBytes } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission, onlineSubmission } from './testing/submission-fixture';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
/** Every requirement an operator verifies: the scans plus the phone number and email (data, not a scan). */
const ALL_REQUIREMENTS = [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const HOUR = 3600_000;

/** A clock the test moves: real time plus an offset, so the documents service (real time) stays in step. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

describe('KK application lifecycle through HTTP, NATS and the event store', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let otherOperator: ApiClient;
  let applicant: ApiClient;
  let desaOfficer: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ clock, documents: true });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    otherOperator = new ApiClient(platform.gatewayUrl, await platform.token('operator.tarik'));
    applicant = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
    desaOfficer = new ApiClient(platform.gatewayUrl, await platform.token('desa.bakungpringgodani'));
  });
  afterAll(() => platform?.close());
  beforeEach(() => (clock.offsetMs = 0));

  const view = async (id: string) => (await operator.get(`/api/applications/${id}`)).body;
  const projected = (id: string, check: (v: any) => boolean) =>
    eventually(async () => {
      const v = await view(id);
      if (!check(v)) throw new Error(`not yet: ${JSON.stringify(v.status)}`);
      return v;
    }, 10_000);
  const uploadAll = async (client: ApiClient, id: string) => {
    for (const req of DOCUMENT_REQUIREMENTS) {
      const r = await client.upload(platform.documentsUrl!, id, req, pdfBytes(`${id}-${req}`));
      expect(r.status).toBe(201);
    }
  };

  it('counter: verified complete -> tanda terima issued, TTE requested, newborn NIK assigned; history with an intact hash chain', async () => {
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI LOKET SATU';
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    await projected(id, (v) => v.bucket === 'to-verify');

    // Another kecamatan's operator may not act on it; a signature is illegal before verification.
    expect((await otherOperator.post(`/api/applications/${id}/data/verify`)).status).toBe(403);
    expect((await operator.post(`/api/applications/${id}/collection`, { collectorNik: '3515121203880001' })).status).toBe(409);

    for (const req of ALL_REQUIREMENTS)
      expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    const done = await operator.post(`/api/applications/${id}/verification/complete`);
    expect(done.status).toBe(200);
    expect(done.body.receiptNumber).toMatch(/^TT-351512-\d{8}-\d{4}$/);
    expect(done.body.events).toEqual(['ApplicationVerified', 'ReceiptIssued', 'SignatureRequested']);

    const v = await projected(id, (x) => x.bucket === 'to-sign' && /NIK bayi sudah terbit/.test(x.status.detail ?? ''));
    expect(v.receiptNumber).toBe(done.body.receiptNumber);
    const history = (await operator.get(`/api/applications/${id}/history`)).body;
    expect(history.chainIntact).toBe(true);
    expect(history.entries.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ApplicationSubmitted', 'ApplicationVerified', 'NewbornNikAssigned']),
    );
    expect(history.entries.find((e: { type: string }) => e.type === 'NewbornNikAssigned').data).toBeUndefined();
  });

  it('counter: an incomplete file is returned at once', async () => {
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI LOKET DUA';
    body.presentedRequirementIds = DOCUMENT_REQUIREMENTS.slice(0, 3);
    const r = await operator.post('/api/applications', body);
    expect(r.status).toBe(201);
    expect(r.body.status.code).toBe('returned');
    await projected(r.body.applicationId, (v) => v.bucket === 'closed');
  });

  it('online: a correction requested and fixed before 12:00 WIB the next day, then verified', async () => {
    const submitted = await applicant.post('/api/applications', onlineSubmission());
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    await uploadAll(applicant, id);
    await projected(id, (v) => v.slaDueAt !== null);

    for (const req of ALL_REQUIREMENTS.slice(1))
      expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect(
      (await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/reject`, { reason: 'Hasil pindaian buram' })).status,
    ).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    const requested = await operator.post(`/api/applications/${id}/correction-request`);
    expect(requested.status).toBe(200);
    const v = await projected(id, (x) => x.bucket === 'awaiting-correction');
    // Due 12:00 WIB (05:00 UTC) on the next calendar day.
    expect(v.correctionDueAt).toMatch(/T05:00:00\.000Z$/);
    const untilDue = Date.parse(v.correctionDueAt) - Date.now();
    expect(untilDue).toBeGreaterThan(0);
    expect(untilDue).toBeLessThanOrEqual(36 * HOUR); // requested at 00:00 WIB at the earliest

    expect((await applicant.upload(platform.documentsUrl!, id, 'kartu-keluarga', pdfBytes('kk-baru'))).status).toBe(201);
    const fixed = await applicant.post(`/api/applications/${id}/corrections`, {});
    expect(fixed.status).toBe(200);
    expect(fixed.body.status.code).toBe('submitted');
    expect((await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/verification/complete`)).status).toBe(200);
    await projected(id, (x) => x.bucket === 'to-sign');
  });

  it('online: a missed correction deadline returns the file, exactly once, also when found late', async () => {
    const submitted = await applicant.post('/api/applications', onlineSubmission());
    const id = submitted.body.applicationId as string;
    await uploadAll(applicant, id);
    expect((await operator.post(`/api/applications/${id}/requirements/surat-kelahiran/reject`, { reason: 'Tidak terbaca' })).status).toBe(
      200,
    );
    expect((await operator.post(`/api/applications/${id}/correction-request`)).status).toBe(200);
    const v = await projected(id, (x) => x.bucket === 'awaiting-correction');

    // Before the deadline nothing happens.
    expect(await platform.scanDeadlines()).toBe(0);
    // The service "was down" over the deadline: the clock jumps a day past it, then one scan.
    clock.offsetMs = Date.parse(v.correctionDueAt) - Date.now() + 24 * HOUR;
    expect(await platform.scanDeadlines()).toBe(1);
    const after = await projected(id, (x) => x.status.code === 'returned');
    expect(after.bucket).toBe('closed');
    expect(await platform.scanDeadlines()).toBe(0);
    const history = (await operator.get(`/api/applications/${id}/history`)).body;
    expect(history.entries.filter((e: { type: string }) => e.type === 'FileReturned')).toHaveLength(1);
    expect((await applicant.post(`/api/applications/${id}/corrections`, {})).status).toBe(409);
  });

  it('village officer: submits for a family of their own desa only', async () => {
    const own = await desaOfficer.post('/api/applications', onlineSubmission('35.15.12.2004'));
    expect(own.status).toBe(201);
    const other = await desaOfficer.post('/api/applications', onlineSubmission('35.15.12.2001'));
    expect(other.status).toBe(403);
  });
});
