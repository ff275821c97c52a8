import { Client } from 'pg';
import { eventually } from '@adminduk/testing';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * A citizen's login is bound to a person: the identity provider's `nik` claim. pemohon.siti is SITI
 * AMINAH of the fixture family (libs/domain/src/testing/kk-fixtures.ts); pemohon.budi is in no
 * family here. Through HTTP, NATS, the event store and the read model.
 */
describe('a citizen sees and submits for their own family only', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let desaOfficer: ApiClient;
  let siti: ApiClient;
  let budi: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    desaOfficer = new ApiClient(platform.gatewayUrl, await platform.token('desa.bakungpringgodani'));
    siti = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
    budi = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.budi'));
  });
  afterAll(() => platform?.close());

  /** The fixture family, in Bakungpringgodani, with a newborn of its own (no duplicate links). */
  const submission = (newborn: string, online = false) => {
    const { presentedRequirementIds, ...body } = counterSubmission();
    body.family.alamat.desa = '35.15.12.2004';
    body.newborn.namaLengkap = newborn;
    return online ? body : { ...body, presentedRequirementIds };
  };
  const eventsBy = async (userId: string): Promise<number> => {
    const db = new Client({ connectionString: platform.schema.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM es_events WHERE metadata->'actor'->>'userId' = $1`, [
        userId,
      ]);
      return Number(rows[0].n);
    } finally {
      await db.end();
    }
  };
  const listed = async (client: ApiClient): Promise<string[]> => {
    const r = await client.get('/api/applications');
    expect(r.status).toBe(200);
    return r.body.items.map((i: { applicationId: string }) => i.applicationId);
  };

  it('refuses (403, nothing stored) a citizen submitting for a family they are not in', async () => {
    const refused = await budi.post('/api/applications', submission('BAYI BUKAN KELUARGA BUDI', true));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, message: expect.stringMatching(/keluarga Anda sendiri/) });
    expect(await eventsBy('demo-pemohon-budi')).toBe(0);

    const own = await siti.post('/api/applications', submission('BAYI DARING SITI', true));
    expect(own.status).toBe(201);
    expect(await eventsBy('demo-pemohon-siti')).toBeGreaterThan(0);
  });

  it('shows a family member every application of the family, whatever the channel; another citizen sees none of them', async () => {
    const counter = await operator.post('/api/applications', submission('BAYI LOKET KELUARGA'));
    const viaDesa = await desaOfficer.post('/api/applications', submission('BAYI DESA KELUARGA', true));
    expect([counter.status, viaDesa.status]).toEqual([201, 201]);
    const ids = [counter.body.applicationId as string, viaDesa.body.applicationId as string];

    // Siti applied for neither: she is the wife in the family on both.
    await eventually(async () => expect(await listed(siti)).toEqual(expect.arrayContaining(ids)), 10_000, 100);
    for (const id of ids) {
      const detail = await siti.get(`/api/applications/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).not.toHaveProperty('niks'); // who may see it is not part of the answer
      expect((await siti.get(`/api/applications/${id}/history`)).status).toBe(200);
    }

    expect(await listed(budi)).toEqual([]);
    for (const id of ids) {
      expect((await budi.get(`/api/applications/${id}`)).status).toBe(403);
      expect((await budi.get(`/api/applications/${id}/history`)).status).toBe(403);
    }
  });

  it('lets a family member act on the family’s online application, and nobody else', async () => {
    const own = await siti.post('/api/applications', submission('BAYI DARING DUA', true));
    const id = own.body.applicationId as string;
    const refused = await budi.post(`/api/applications/${id}/withdraw`, { reason: 'bukan milik saya' });
    expect(refused.status).toBe(403);
    expect(await eventsBy('demo-pemohon-budi')).toBe(0);
    expect((await siti.post(`/api/applications/${id}/withdraw`, { reason: 'Salah memilih layanan' })).status).toBe(200);
  });

  it('never logs the NIK a citizen logs in with', () => {
    // Budi's NIK is on no application: it can only come from his token (Principal.nik).
    expect(platform.logLines.length).toBeGreaterThan(0);
    expect(platform.logLines.join('\n')).not.toContain('3515011505850003');
    expect(platform.logLines.join('\n')).not.toContain('3515125907900002');
  });
});
