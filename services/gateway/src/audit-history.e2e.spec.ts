import { Pool } from 'pg';
import { applicationStreamId } from '@adminduk/domain';
import { eventually } from '@adminduk/testing';
import { historySchema } from './openapi/response-schemas';
import { personalDataAccessSchema } from './audit/personal-data-access.schema';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

type Entry = { revision: number; eventId: string; type: string; data?: any; personalData?: string; hashStatus: string };
type Records = {
  records: { eventId: string; applicationId: string; viewedAt: string; viewer: { userId: string }; view: { kind: string } }[];
  more: boolean;
};

/**
 * Issue 14, items 3 and 4: the history names and marks the altered event; the auditor sees the
 * personal data in it and that read is recorded, other roles see it masked; the access log answers
 * who viewed which person's data (by officer, application, period, and one NIK's report).
 */
describe('audit: history with hash marks, and the personal-data access log', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let auditor: ApiClient;
  let applicationId: string;
  let motherNik: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    auditor = new ApiClient(platform.gatewayUrl, await platform.token('auditor'));
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI AUDIT RIWAYAT';
    motherNik = body.newborn.nikIbu;
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    applicationId = submitted.body.applicationId;
    await eventually(async () => {
      if ((await operator.get(`/api/applications/${applicationId}`)).status !== 200) throw new Error('not projected yet');
    }, 15_000);
    expect((await operator.post(`/api/applications/${applicationId}/requirements/kartu-keluarga/accept`)).status).toBe(200);
  });
  afterAll(() => platform?.close());

  const history = async (client: ApiClient) => {
    const r = await client.get(`/api/applications/${applicationId}/history`);
    expect(r.status).toBe(200);
    expect(historySchema.safeParse(r.body).error?.issues).toBeUndefined();
    return r.body as { chainIntact: boolean; firstBroken: { revision: number; eventId: string; mark: string } | null; entries: Entry[] };
  };
  const byNik = async (nik: string, extra: Record<string, unknown> = {}) => {
    const r = await auditor.post('/api/audit/personal-data-access/by-nik', { nik, ...extra });
    expect(r.status).toBe(200);
    expect(personalDataAccessSchema.safeParse(r.body).error?.issues).toBeUndefined();
    return r.body as Records;
  };
  const kinds = (r: Records) => r.records.map((x) => [x.viewer.userId, x.view.kind]);

  it('the operator sees the history with the personal data masked, every event marked ok, and nothing is recorded', async () => {
    const h = await history(operator);
    expect(h.chainIntact).toBe(true);
    expect(h.firstBroken).toBeNull();
    expect(h.entries.map((e) => e.hashStatus)).toEqual(h.entries.map(() => 'ok'));
    const submitted = h.entries.find((e) => e.type === 'ApplicationSubmitted')!;
    expect(submitted).toMatchObject({ personalData: 'masked' });
    expect(submitted.data).toBeUndefined();
    expect(JSON.stringify(h)).not.toContain(motherNik);
    const accepted = h.entries.find((e) => e.type === 'RequirementAccepted')!;
    expect(accepted.personalData).toBeUndefined();
    expect(accepted.data).toMatchObject({ requirementId: 'kartu-keluarga' });
    const log = await auditor.get(`/api/applications/${applicationId}/access-log`);
    expect(log.body.records).toEqual([]);
  });

  it('the auditor sees the personal data in the history, and that read is recorded before the answer', async () => {
    const h = await history(auditor);
    const submitted = h.entries.find((e) => e.type === 'ApplicationSubmitted')!;
    expect(submitted.personalData).toBe('shown');
    expect(submitted.data.newborn.nikIbu).toBe(motherNik);
    const log = await auditor.get(`/api/applications/${applicationId}/access-log`);
    expect(log.body.records.map((r: { viewer: { userId: string }; view: unknown }) => [r.viewer.userId, r.view])).toEqual([
      ['demo-auditor', { kind: 'history' }],
    ]);
  });

  it('the report for one NIK lists exactly the reads of that person`s data, filterable by officer, application and period', async () => {
    expect((await operator.get(`/api/applications/${applicationId}/data`)).status).toBe(200);
    const report = await eventually(async () => {
      const r = await byNik(motherNik);
      if (r.records.length < 2) throw new Error('not projected yet');
      return r;
    }, 15_000);
    expect(kinds(report)).toEqual([
      ['demo-auditor', 'history'],
      ['demo-operator-balongbendo', 'data'],
    ]);
    expect(report.records.every((r) => r.applicationId === applicationId)).toBe(true);
    expect((await byNik('3515010101010009')).records).toEqual([]);
    expect(kinds(await byNik(motherNik, { from: today, to: today }))).toHaveLength(2);
    expect((await byNik(motherNik, { to: '2020-01-01' })).records).toEqual([]);

    const q = (query: string) => auditor.get(`/api/audit/personal-data-access?${query}`);
    expect(kinds((await q(`viewer=demo-operator-balongbendo&applicationId=${applicationId}`)).body)).toEqual([
      ['demo-operator-balongbendo', 'data'],
    ]);
    expect(kinds((await q(`applicationId=${applicationId}&from=${today}`)).body)).toHaveLength(2);
    const paged = (await q(`applicationId=${applicationId}&limit=1`)).body as Records;
    expect({ n: paged.records.length, more: paged.more }).toEqual({ n: 1, more: true });
  });

  it('refuses other roles and bad input with the one error shape, and never takes the NIK in the address', async () => {
    expect((await operator.post('/api/audit/personal-data-access/by-nik', { nik: motherNik })).status).toBe(403);
    expect((await operator.get('/api/audit/personal-data-access')).status).toBe(403);
    const bad = await auditor.post('/api/audit/personal-data-access/by-nik', { nik: '12ab' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['nik']);
    expect((await auditor.get(`/api/audit/personal-data-access?nik=${motherNik}`)).status).toBe(400);
    const reversed = await auditor.get('/api/audit/personal-data-access?from=2026-02-02&to=2026-02-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    expect((await auditor.get('/api/audit/personal-data-access?from=2026-02-30')).status).toBe(400);
  });

  it('refuses the auditor`s history (503) when its read cannot be recorded, and shows nothing; the masked history needs no record', async () => {
    const sql = new Pool({ connectionString: platform.schema.url, max: 1 });
    try {
      await sql.query(`
        CREATE OR REPLACE FUNCTION refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.stream_id LIKE 'access-%' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_access_log BEFORE INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION refuse_access_log();`);
      const refused = await auditor.get(`/api/applications/${applicationId}/history`);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'ACCESS_LOG_UNAVAILABLE' });
      expect(JSON.stringify(refused.body)).not.toContain(motherNik);
      expect((await operator.get(`/api/applications/${applicationId}/history`)).status).toBe(200);
    } finally {
      await sql.query(`DROP TRIGGER IF EXISTS refuse_access_log ON es_events; DROP FUNCTION IF EXISTS refuse_access_log();`);
      await sql.end();
    }
  });

  it('an event edited in the database is marked altered and named by revision and event id; the others stay ok', async () => {
    const sql = new Pool({ connectionString: platform.schema.url, max: 1 });
    try {
      const { rows } = await sql.query<{ revision: string; event_id: string }>(
        `UPDATE es_events SET data = jsonb_set(data, '{requirementId}', '"akta-kelahiran"')
          WHERE stream_id = $1 AND type = 'RequirementAccepted' RETURNING revision, event_id::text`,
        [applicationStreamId(applicationId)],
      );
      expect(rows).toHaveLength(1);
      const h = await history(auditor);
      expect(h.chainIntact).toBe(false);
      expect(h.firstBroken).toEqual({ revision: Number(rows[0].revision), eventId: rows[0].event_id, mark: 'altered' });
      const marks = h.entries.map((e) => [e.revision, e.hashStatus]);
      expect(marks).toEqual(h.entries.map((e) => [e.revision, e.revision === Number(rows[0].revision) ? 'altered' : 'ok']));
    } finally {
      await sql.end();
    }
  });
});
