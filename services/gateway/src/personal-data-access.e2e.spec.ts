import { domainTesting } from '@adminduk/domain';
import { connect } from 'nats';
import { eventually, testNatsOptions } from '@adminduk/testing';
import { accessLogSchema, applicationDataSchema } from './applications/application-data.schema';
import { ApiClient, pdfBytes } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

const { DOCUMENT_REQUIREMENTS } = domainTesting;

/**
 * Issue 12, item 4: the operator sees the submitted data beside the scans, only within scope; every
 * staff read of the data and every staff scan download is recorded (who, what, when) before it is
 * answered, the auditor reads the records, and nothing personal is cached by the browser.
 */
describe('submitted data for operators, and every staff read of personal data recorded', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let otherOperator: ApiClient;
  let applicant: ApiClient;
  let desaOfficer: ApiClient;
  let auditor: ApiClient;
  let signer: ApiClient;
  let tokens: Record<string, string>;
  let applicationId: string;
  let documentIds: string[];

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true });
    tokens = {};
    for (const u of [
      'operator.balongbendo',
      'operator.tarik',
      'pemohon.siti',
      'desa.bakungpringgodani',
      'auditor',
      'penandatangan',
      'admin',
    ]) {
      tokens[u] = await platform.token(u);
    }
    operator = new ApiClient(platform.gatewayUrl, tokens['operator.balongbendo']);
    otherOperator = new ApiClient(platform.gatewayUrl, tokens['operator.tarik']);
    applicant = new ApiClient(platform.gatewayUrl, tokens['pemohon.siti']);
    desaOfficer = new ApiClient(platform.gatewayUrl, tokens['desa.bakungpringgodani']);
    auditor = new ApiClient(platform.gatewayUrl, tokens.auditor);
    signer = new ApiClient(platform.gatewayUrl, tokens.penandatangan);

    // An online application by the desa officer (Siti's family), with every scan uploaded.
    const { presentedRequirementIds: _none, ...body } = counterSubmission();
    body.family.alamat.desa = '35.15.12.2004';
    body.newborn.namaLengkap = 'BAYI AKSES DATA';
    const submitted = await desaOfficer.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    applicationId = submitted.body.applicationId;
    documentIds = [];
    for (const req of DOCUMENT_REQUIREMENTS) {
      const r = await desaOfficer.upload(platform.documentsUrl!, applicationId, req, pdfBytes(`${applicationId}-${req}`));
      expect(r.status).toBe(201);
      documentIds.push(r.body.documentId);
    }
  });
  afterAll(() => platform?.close());

  const raw = (path: string, token: string, base = platform.gatewayUrl) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const accessLog = async () => {
    const r = await auditor.get(`/api/applications/${applicationId}/access-log`);
    expect(r.status).toBe(200);
    expect(accessLogSchema.safeParse(r.body).error?.issues).toBeUndefined();
    return r.body.records as { at: string; viewer: { userId: string; role: string }; view: { kind: string; documentId?: string } }[];
  };

  it('the operator of the kecamatan sees the full submitted data and the scans, never cached', async () => {
    const before = Date.now();
    const res = await raw(`/api/applications/${applicationId}/data`, tokens['operator.balongbendo']);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store, private');
    expect(res.headers.get('pragma')).toBe('no-cache');
    const data = (await res.json()) as any;
    // The answer is what the OpenAPI document says it is.
    expect(applicationDataSchema.safeParse(data).error?.issues).toBeUndefined();
    const fixture = counterSubmission();
    expect(data.applicant).toEqual(fixture.applicant);
    expect(data.family.noKk).toBe(fixture.family.noKk);
    expect(data.family.anggota.map((m: { nik: string }) => m.nik)).toEqual(fixture.family.anggota.map((m) => m.nik));
    expect(data.newborn.namaLengkap).toBe('BAYI AKSES DATA');
    expect(data).toMatchObject({ applicationId, kecamatan: '35.15.12', desa: '35.15.12.2004', channel: 'daring-desa' });
    expect(data.scans.map((s: { documentId: string }) => s.documentId).sort()).toEqual([...documentIds].sort());
    for (const s of data.scans) {
      expect(s).toMatchObject({ mediaType: 'application/pdf', href: `/api/documents/${s.documentId}` });
      expect(DOCUMENT_REQUIREMENTS).toContain(s.requirementId);
    }

    // Exactly one record of that read: who, what, when.
    const records = await accessLog();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      viewer: { userId: 'demo-operator-balongbendo', role: 'operator-kecamatan', kecamatan: '35.15.12' },
      view: { kind: 'data' },
    });
    expect(Date.parse(records[0].at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(records[0].at)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses those outside the scope (403) and records nothing for them', async () => {
    const n = (await accessLog()).length;
    expect((await otherOperator.get(`/api/applications/${applicationId}/data`)).status).toBe(403);
    expect((await signer.get(`/api/applications/${applicationId}/data`)).status).toBe(403);
    expect((await raw(`/api/applications/${applicationId}/data`, tokens.admin)).status).toBe(403);
    expect((await operator.get(`/api/applications/00000000-0000-4000-8000-000000000000/data`)).status).toBe(404);
    expect((await operator.get(`/api/applications/bukan-uuid/data`)).status).toBe(400);
    expect(await accessLog()).toHaveLength(n);
  });

  it('each staff read and each staff scan download is one record; the citizen`s own reads are not recorded', async () => {
    const n = (await accessLog()).length;
    expect((await desaOfficer.get(`/api/applications/${applicationId}/data`)).status).toBe(200);
    expect((await auditor.get(`/api/applications/${applicationId}/data`)).status).toBe(200);
    expect((await applicant.get(`/api/applications/${applicationId}/data`)).status).toBe(200);

    const scan = `/api/documents/${documentIds[0]}`;
    const download = await raw(scan, tokens['operator.balongbendo'], platform.documentsUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toBe('no-store, private');
    expect(download.headers.get('pragma')).toBe('no-cache');
    await download.arrayBuffer();
    expect((await raw(`${scan}?preview=1`, tokens.penandatangan, platform.documentsUrl)).status).toBe(200);
    expect((await raw(scan, tokens['pemohon.siti'], platform.documentsUrl)).status).toBe(200);
    expect((await raw(scan, tokens['operator.tarik'], platform.documentsUrl)).status).toBe(403);

    const added = (await accessLog()).slice(n);
    expect(added.map((r) => [r.viewer.userId, r.viewer.role, r.view])).toEqual([
      ['demo-desa-bakungpringgodani', 'petugas-desa', { kind: 'data' }],
      ['demo-auditor', 'auditor', { kind: 'data' }],
      ['demo-operator-balongbendo', 'operator-kecamatan', { kind: 'scan', documentId: documentIds[0], disposition: 'attachment' }],
      ['demo-penandatangan', 'penandatangan', { kind: 'scan', documentId: documentIds[0], disposition: 'inline' }],
    ]);
  });

  it('concurrent staff reads of one application are each recorded once', async () => {
    const n = (await accessLog()).length;
    const reads = await Promise.all(Array.from({ length: 8 }, () => operator.get(`/api/applications/${applicationId}/data`)));
    expect(reads.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await accessLog()).slice(n)).toHaveLength(8);
  });

  it('only the auditor reads the access log', async () => {
    for (const who of [operator, desaOfficer, applicant, signer]) {
      expect((await who.get(`/api/applications/${applicationId}/access-log`)).status).toBe(403);
    }
    expect((await auditor.get(`/api/applications/00000000-0000-4000-8000-000000000000/access-log`)).status).toBe(404);
  });

  it('the access events travel the bus like any other, and the relay goes on past them', async () => {
    expect((await accessLog()).length).toBeGreaterThan(0);
    const requirement = DOCUMENT_REQUIREMENTS[0];
    const accepted = await operator.post(`/api/applications/${applicationId}/requirements/${requirement}/accept`);
    expect(accepted.status).toBe(200);
    const nc = await connect(testNatsOptions());
    try {
      const jsm = await nc.jetstreamManager();
      const ns = platform.commandSubjectPrefix;
      const last = (subject: string) => jsm.streams.getMessage(`${ns}_EVENTS`, { last_by_subj: `${ns}.evt.351512.${subject}` });
      await eventually(async () => {
        const access = await last('access.PersonalDataViewed');
        expect(access.header.get('Nats-Msg-Id')).toBeTruthy();
        // Published after the access records: the relay did not stop at them.
        const after = await last('application.RequirementAccepted');
        expect(after.seq).toBeGreaterThan(access.seq);
      }, 10_000);
    } finally {
      await nc.close();
    }
  });

  it('refuses the read (503) when the record cannot be written, and shows nothing', async () => {
    // The access stream is refused by the database for a moment: the read must fail closed.
    const db = new (await import('pg')).Client({ connectionString: platform.schema.url });
    await db.connect();
    try {
      await db.query(`
        CREATE OR REPLACE FUNCTION refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.stream_id LIKE 'access-%' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_access_log BEFORE INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION refuse_access_log();`);
      const n = (await accessLog()).length;
      const r = await operator.get(`/api/applications/${applicationId}/data`);
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'ACCESS_LOG_UNAVAILABLE' });
      expect(JSON.stringify(r.body)).not.toContain(counterSubmission().applicant.nik);
      const scan = await raw(`/api/documents/${documentIds[1]}`, tokens['operator.balongbendo'], platform.documentsUrl);
      expect(scan.status).toBe(503);
      expect(await accessLog()).toHaveLength(n);
      // The citizen's own read needs no record, so it still works.
      expect((await applicant.get(`/api/applications/${applicationId}/data`)).status).toBe(200);
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS refuse_access_log ON es_events; DROP FUNCTION IF EXISTS refuse_access_log();`);
      await db.end();
    }
    await eventually(async () => expect((await operator.get(`/api/applications/${applicationId}/data`)).status).toBe(200), 5000, 100);
  });
});
