import { applicationStreamId } from '@adminduk/domain';
import { Pool } from 'pg';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * An Idempotency-Key names one request, on every command endpoint: the same request again gets
 * the first answer (replayed), another request under the same key (other body, other command,
 * other family) gets 422 IDEMPOTENCY_KEY_REUSED and nothing is appended.
 */
describe('Idempotency-Key reuse through HTTP', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let db: Pool;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    db = new Pool({ connectionString: platform.schema.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  /** A counter submission of family `n`: another mother (NIK serial) and another newborn. */
  const family = (n: number) => {
    const body = counterSubmission();
    const mother = body.newborn.nikIbu;
    const other = JSON.parse(
      JSON.stringify(body).replaceAll(mother, mother.slice(0, 12) + String(100 + n).padStart(4, '0')),
    ) as typeof body;
    other.newborn.namaLengkap = `BAYI KELUARGA ${'ABCDEFGHIJ'[n % 10]}`;
    return other;
  };
  const storedEvents = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
  const streamTypes = async (id: string) =>
    (
      await db.query<{ type: string }>('SELECT type FROM es_events WHERE stream_id = $1 ORDER BY revision', [applicationStreamId(id)])
    ).rows.map((r) => r.type);
  const expectKeyReused = (r: { status: number; body: any }) => {
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ field: 'header.Idempotency-Key' }] });
    expect(r.body.message).toMatch(/Idempotency-Key ini sudah dipakai untuk permintaan lain/);
  };

  it('submission: same key and same body replays the first answer; same key and another family is refused, nothing stored', async () => {
    const key = `idem-submit-${Date.now()}`;
    const first = await operator.post('/api/applications', family(1), key);
    expect(first.status).toBe(201);
    expect(first.body.replayed).toBe(false);

    const retry = await operator.post('/api/applications', family(1), key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true });

    const before = await storedEvents();
    expectKeyReused(await operator.post('/api/applications', family(2), key));
    expect(await storedEvents()).toBe(before);
    expect(await streamTypes(first.body.applicationId)).toEqual(first.body.events);

    // The second family goes through under a key of its own.
    const own = await operator.post('/api/applications', family(2), `${key}-2`);
    expect(own.status).toBe(201);
    expect(own.body.applicationId).not.toBe(first.body.applicationId);
  });

  it('commands: same key and another command is refused (accept K, then withdraw K): not withdrawn, nothing appended', async () => {
    const submitted = await operator.post('/api/applications', family(3));
    const id = submitted.body.applicationId as string;
    const key = `idem-cmd-${Date.now()}`;
    const accepted = await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/accept`, {}, key);
    expect(accepted.status).toBe(200);
    const again = await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/accept`, {}, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...accepted.body, replayed: true });

    const before = await streamTypes(id);
    expectKeyReused(await operator.post(`/api/applications/${id}/withdraw`, { reason: 'Dibatalkan pemohon' }, key));
    // Same key, other requirement (another target of the same command): refused as well.
    expectKeyReused(await operator.post(`/api/applications/${id}/requirements/surat-kelahiran/accept`, {}, key));
    expect(await streamTypes(id)).toEqual(before);

    const withdrawn = await operator.post(`/api/applications/${id}/withdraw`, { reason: 'Dibatalkan pemohon' }, `${key}-w`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status.code).toBe('withdrawn');
  });

  it('commands: same key and another body is refused; the same body replays', async () => {
    const submitted = await operator.post('/api/applications', family(4));
    const id = submitted.body.applicationId as string;
    const key = `idem-body-${Date.now()}`;
    const first = await operator.post(`/api/applications/${id}/withdraw`, { reason: 'Alasan pertama' }, key);
    expect(first.status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/withdraw`, { reason: 'Alasan pertama' }, key)).body).toEqual({
      ...first.body,
      replayed: true,
    });
    const before = await streamTypes(id);
    expectKeyReused(await operator.post(`/api/applications/${id}/withdraw`, { reason: 'Alasan lain sama sekali' }, key));
    expect(await streamTypes(id)).toEqual(before);
  });
});
