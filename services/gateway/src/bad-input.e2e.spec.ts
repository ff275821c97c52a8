import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}

describe('bad input on the HTTP API: 4xx naming the field, never a 500, nothing stored', () => {
  let platform: InProcessPlatform;
  let operator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = await platform.token('operator.balongbendo');
  });
  afterAll(() => platform?.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${platform.gatewayUrl}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'bad-input-0001', ...headers },
      body,
    });
  const expectError = async (res: Response, status: number, field?: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.statusCode).toBe(status);
    expect(body.message).toMatch(/\S/);
    if (field) expect(body.errors?.map((e) => e.field)).toContain(field);
    return body;
  };

  it('malformed JSON -> 400 on "body"', async () => {
    await expectError(await post('{"kecamatan": "35.15.12",'), 400, 'body');
  });

  it('unknown fields -> 400 naming each, at any depth', async () => {
    const body = { ...counterSubmission(), hacker: true, applicant: { ...counterSubmission().applicant, role: 'admin' } };
    const err = await expectError(await post(JSON.stringify(body)), 400, 'hacker');
    expect(err.errors?.map((e) => e.field)).toContain('applicant.role');
    expect(err.errors?.find((e) => e.field === 'hacker')?.message).toBe('Kolom tidak dikenal');
  });

  it('wrong types -> 400 with an Indonesian message per field', async () => {
    const body = { ...counterSubmission(), memilikiIjazah: 'ya', newborn: { ...counterSubmission().newborn, beratBayiGram: 'berat' } };
    const err = await expectError(await post(JSON.stringify(body)), 400, 'memilikiIjazah');
    expect(err.errors).toEqual(expect.arrayContaining([{ field: 'newborn.beratBayiGram', message: 'Harus berupa angka' }]));
  });

  it('a body that is not an object, or empty -> 400', async () => {
    await expectError(await post('[1,2,3]'), 400);
    await expectError(await post('null'), 400);
    await expectError(await post(''), 400);
  });

  it('missing Idempotency-Key -> 400 naming the header', async () => {
    const res = await fetch(`${platform.gatewayUrl}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify(counterSubmission()),
    });
    await expectError(res, 400, 'header.Idempotency-Key');
  });

  it('an invalid NIK is judged by the domain: 400 naming the field, and no stream is created', async () => {
    const body = counterSubmission();
    body.applicant.nik = '3515129999990001'; // month 99
    const err = await expectError(await post(JSON.stringify(body), { 'idempotency-key': 'bad-nik-00001' }), 400);
    expect(err.errors?.some((e) => e.field.startsWith('applicant.nik'))).toBe(true);
    const list = (await (
      await fetch(`${platform.gatewayUrl}/api/applications`, { headers: { authorization: `Bearer ${operator}` } })
    ).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('no token -> 401; a bad token -> 401; a non-UUID id -> 400', async () => {
    expect((await fetch(`${platform.gatewayUrl}/api/applications`)).status).toBe(401);
    expect((await fetch(`${platform.gatewayUrl}/api/applications`, { headers: { authorization: 'Bearer abc.def.ghi' } })).status).toBe(401);
    await expectError(
      await fetch(`${platform.gatewayUrl}/api/applications/not-a-uuid`, { headers: { authorization: `Bearer ${operator}` } }),
      400,
      'id',
    );
  });

  it('health is public; OpenAPI is served', async () => {
    expect((await fetch(`${platform.gatewayUrl}/health/live`)).status).toBe(200);
    const doc = (await (await fetch(`${platform.gatewayUrl}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/applications');
  });
});
