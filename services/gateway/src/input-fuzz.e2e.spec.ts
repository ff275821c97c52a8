import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { pdfBytes } from '@adminduk/documents/testing';
import { fieldName, invalidMutation, safeString, type Json, type Mutation } from './testing/json-mutations';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * Property-based fuzzing of EVERY write endpoint of every service (gateway commands and submit,
 * documents uploads, signing batches, revocations and the public upload check, the dev token
 * endpoint): random and mutated bodies never get a 5xx, an invalid body is never accepted, a valid
 * one is. Bounded in runs and time (about a minute on a busy machine); a failure prints the seed.
 */
const TIME = (ms: number) => ({ interruptAfterTimeLimit: ms, markInterruptAsFailure: false });

interface Reply {
  status: number;
  body: Record<string, any>;
}

describe('fuzzing every write endpoint: 0 x 5xx, nothing invalid accepted', () => {
  let platform: InProcessPlatform;
  const tokens: Record<string, string> = {};
  let counterApp: string; // verified by the fuzz: reasons and data issues land here
  let uploadApp: string; // receives the upload fuzz

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, signing: {} });
    for (const u of ['operator.balongbendo', 'penandatangan']) tokens[u] = await platform.token(u);
    counterApp = (await submit(validSubmission('AISYAH PUTRI PERTAMA'))).body.applicationId;
    uploadApp = (await submit(validSubmission('AISYAH PUTRI KEDUA'))).body.applicationId;
    expect([counterApp, uploadApp]).toEqual([expect.any(String), expect.any(String)]);
  });
  afterAll(() => platform?.close());

  async function send(
    url: string,
    body: string | Buffer,
    o: { user?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      'content-type': o.contentType ?? 'application/json',
      'idempotency-key': randomUUID(),
      ...o.headers,
    };
    if (o.user) headers.authorization = `Bearer ${tokens[o.user]}`;
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: Record<string, any> = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    return { status: res.status, body: parsed };
  }
  const postJson = (url: string, body: Json, user = 'operator.balongbendo') => send(url, JSON.stringify(body), { user });
  const submit = (body: Json) => postJson(`${platform.gatewayUrl}/api/applications`, body);

  /** Never a 5xx; a refusal is 4xx in the one error shape, naming the field when the mutation says which. */
  function expectRefused(r: Reply, m: Mutation, where: string): void {
    const context = { where, kind: m.kind, path: fieldName(m.path), status: r.status, body: JSON.stringify(r.body).slice(0, 400) };
    expect({ ...context, refused: r.status >= 400 && r.status < 500 }).toEqual({ ...context, refused: true });
    expect(r.body).toEqual(expect.objectContaining({ statusCode: r.status, code: expect.any(String), message: expect.any(String) }));
    if (m.field !== undefined) {
      // Unsafe text and unknown keys are refused at the edge, whatever the application's state: 400 naming the field.
      const named = r.status === 400 && (r.body.errors ?? []).some((e: { field: string }) => e.field === m.field);
      expect({ ...context, named }).toEqual({ ...context, named: true });
    }
  }

  // ---- Valid bodies -----------------------------------------------------------------------------

  const word = fc.stringMatching(/^[A-Za-z]{2,9}$/);
  const newbornName = fc.array(word, { minLength: 2, maxLength: 4 }).map((w) => w.join(' '));
  const personName = fc.tuple(word, fc.constantFrom(' ', "'", '-', '. '), word).map(([a, sep, b]) => `${a}${sep}${b}`);

  function validSubmission(newborn = 'AISYAH PUTRI', extra: { member?: string; place?: string; email?: string } = {}): Json {
    const body = counterSubmission();
    body.newborn.namaLengkap = newborn;
    if (extra.place) body.newborn.tempatLahir = extra.place;
    if (extra.member) body.family.anggota[2].namaLengkap = extra.member;
    if (extra.email) body.applicant.email = extra.email;
    return body as unknown as Json;
  }

  it("submit: valid bodies (any case, names with . , ' -) are accepted; every mutation of one is refused", async () => {
    const email = fc
      .stringMatching(/^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/)
      .filter((l) => !l.includes('..'))
      .map((l) => `${l}@contoh.go.id`);
    await fc.assert(
      fc.asyncProperty(newbornName, personName, word, email, async (nb, member, place, mail) => {
        const r = await submit(validSubmission(nb, { member, place, email: mail }));
        expect({ status: r.status, body: r.body }).toEqual({
          status: 201,
          body: expect.objectContaining({ applicationId: expect.any(String) }),
        });
      }),
      { numRuns: 6, ...TIME(8_000) },
    );
    await fc.assert(
      fc.asyncProperty(invalidMutation(validSubmission()), async (m) => expectRefused(await submit(m.body), m, 'submit')),
      { numRuns: 80, ...TIME(12_000) },
    );
  });

  // ---- Commands on an existing application ---------------------------------------------------------

  const reason = safeString({ minLength: 3, maxLength: 500, lines: true });
  const dataField = fc.oneof(
    fc.constantFrom('newborn.tempatLahir', 'newborn.namaLengkap', 'applicant.telepon', 'family.alamat.rt', 'family.noKk'),
    fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('namaLengkap', 'tanggalLahir', 'jenisPekerjaan'))
      .map(([i, f]) => `family.anggota[${i}].${f}`),
  );
  const COMMANDS: Array<{ path: string; valid: Json; user?: string }> = [
    {
      path: 'corrections',
      valid: {
        changes: {
          applicant: { telepon: '081298765432', email: 'baru@contoh.go.id' },
          newborn: { namaLengkap: 'AISYAH PUTRI', tanggalLahir: '2025-01-03' },
        },
      },
    },
    { path: 'withdraw', valid: { reason: 'Permohonan dibatalkan pemohon' } },
    { path: 'requirements/kartu-keluarga/accept', valid: {} },
    { path: 'requirements/kartu-keluarga/reject', valid: { reason: 'Hasil pindai tidak terbaca' } },
    { path: 'data/verify', valid: {} },
    { path: 'data/reject', valid: { issues: [{ field: 'family.anggota[0].tempatLahir', reason: 'Tidak sesuai akta' }] } },
    { path: 'correction-request', valid: {} },
    { path: 'return', valid: { reason: 'Berkas tidak valid' } },
    { path: 'verification/complete', valid: {} },
    { path: 'reject', valid: { reason: 'Data tidak dapat diverifikasi' } },
    { path: 'collection', valid: { collectorNik: '3515121203880001' } },
  ];

  it('every command endpoint refuses every mutation of a valid body (wrong types, unknown keys, huge or unsafe text, bad dates)', async () => {
    const command = fc.constantFrom(...COMMANDS).chain((c) => invalidMutation(c.valid).map((m) => ({ c, m })));
    await fc.assert(
      fc.asyncProperty(command, async ({ c, m }) =>
        expectRefused(await postJson(`${platform.gatewayUrl}/api/applications/${counterApp}/${c.path}`, m.body), m, c.path),
      ),
      { numRuns: 150, ...TIME(12_000) },
    );
  });

  it('valid reasons (any Unicode, lines) and data issues are accepted', async () => {
    const app = `${platform.gatewayUrl}/api/applications/${counterApp}`;
    await fc.assert(
      fc.asyncProperty(reason, fc.array(fc.record({ field: dataField, reason }), { minLength: 1, maxLength: 4 }), async (why, issues) => {
        expect((await postJson(`${app}/requirements/kartu-keluarga/reject`, { reason: why })).status).toBe(200);
        expect((await postJson(`${app}/data/reject`, { issues: issues as unknown as Json })).status).toBe(200);
      }),
      { numRuns: 5, ...TIME(8_000) },
    );
    // A counter file with findings is returned: the valid body of `return` is accepted too.
    expect((await postJson(`${app}/return`, { reason: 'Baris satu.\nBaris dua.' })).status).toBe(200);
  });

  // ---- Signing ---------------------------------------------------------------------------------------

  it('signing: batches and revocations refuse every mutation; valid bodies pass validation', async () => {
    const signing = platform.signing!.url;
    const batch: Json = { applicationIds: [randomUUID()], credentials: { nik: '3515121203880001', passphrase: 'rahasia' } };
    const revocation: Json = { reason: 'KK diterbitkan karena kekeliruan data' };
    const target = fc.oneof(
      invalidMutation(batch).map((m) => ({ url: `${signing}/api/signing/batches`, m })),
      invalidMutation(revocation).map((m) => ({ url: `${signing}/api/signing/revocations/${randomUUID()}`, m })),
    );
    await fc.assert(
      fc.asyncProperty(target, async ({ url, m }) =>
        expectRefused(await postJson(url, m.body, 'penandatangan'), m, url.replace(signing, '')),
      ),
      { numRuns: 60, ...TIME(8_000) },
    );
    const ok = await postJson(`${signing}/api/signing/batches`, { applicationIds: [randomUUID(), randomUUID()] }, 'penandatangan');
    expect({ status: ok.status, outcomes: ok.body.results?.map((r: { code: string }) => r.code) }).toEqual({
      status: 200,
      outcomes: ['APPLICATION_NOT_FOUND', 'APPLICATION_NOT_FOUND'],
    });
    await fc.assert(
      fc.asyncProperty(
        reason.filter((r) => !/\d{16}/.test(r) && r.trim().length <= 500),
        async (why) => {
          const r = await postJson(`${signing}/api/signing/revocations/${randomUUID()}`, { reason: why }, 'penandatangan');
          expect({ status: r.status, code: r.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' }); // past validation
        },
      ),
      { numRuns: 5, ...TIME(4_000) },
    );
  });

  it('the public upload check never fails on any bytes', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.nat(2000).map((n) => pdfBytes(2000).subarray(0, n)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('application/pdf', 'application/octet-stream', 'text/plain'), async (b, type) => {
        const r = await send(`${platform.signing!.url}/api/public/verifikasi/unggah`, Buffer.from(b), { contentType: type });
        expect({ status: r.status, ok: r.status < 500 && (r.status !== 200 || r.body.sah === false) }).toEqual({
          status: r.status,
          ok: true,
        });
      }),
      { numRuns: 25, ...TIME(6_000) },
    );
  });

  // ---- Documents -------------------------------------------------------------------------------------

  it('documents: random, truncated and disguised files are refused (4xx); a real PDF is stored', async () => {
    const url = (requirement = 'kartu-keluarga') => `${platform.documentsUrl}/api/applications/${uploadApp}/documents/${requirement}`;
    const pdf = pdfBytes(3000);
    // A truncation cuts into the document: dropping only the whitespace after %%EOF leaves a whole PDF.
    const lastByteOfEof = pdf.lastIndexOf('%%EOF') + '%%EOF'.length - 1;
    const invalid = fc.oneof(
      fc.uint8Array({ maxLength: 8192 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 0, max: lastByteOfEof }).map((n) => pdf.subarray(0, n)),
      fc.constantFrom(
        Buffer.from('%PDF-'),
        Buffer.from('%PDF-1.7\n<html><script>alert(1)</script></html>'),
        Buffer.from([0xff, 0xd8, 0xff]),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        invalid,
        fc.constantFrom('application/octet-stream', 'application/pdf', 'image/png', 'text/html'),
        async (bytes, type) => {
          const r = await send(url(), bytes, { user: 'operator.balongbendo', contentType: type });
          expectRefused(r, { kind: 'bad-file', path: [], body: null }, 'upload');
        },
      ),
      { numRuns: 30, ...TIME(8_000) },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (requirement) => {
        const r = await send(url(encodeURIComponent(requirement || 'x')), pdf, {
          user: 'operator.balongbendo',
          contentType: 'application/octet-stream',
        });
        if (requirement !== 'kartu-keluarga') expectRefused(r, { kind: 'bad-requirement', path: [], body: null }, 'upload');
      }),
      { numRuns: 15, ...TIME(4_000) },
    );
    const stored = await send(url(), pdf, { user: 'operator.balongbendo', contentType: 'application/octet-stream' });
    expect({ status: stored.status, mediaType: stored.body.mediaType }).toEqual({ status: 201, mediaType: 'application/pdf' });
  });

  // ---- The development issuer --------------------------------------------------------------------------

  it('auth-dev /token: any body, never a 5xx; only the demo password gets a token', async () => {
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      invalidMutation({ username: 'admin', password: 'demo' }).map((m) => JSON.stringify(m.body)),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'), async (b, type) => {
        const r = await send(`${platform.serviceUrls.auth}/token`, b, { contentType: type });
        const demo = /"password":"demo"/.test(b) || /(^|&)password=demo(&|$)/.test(b);
        expect({ status: r.status, ok: r.status < 500 && (r.status !== 200 || demo) }).toEqual({ status: r.status, ok: true });
        if (r.status >= 400)
          expect(r.body).toEqual(expect.objectContaining({ statusCode: r.status, code: expect.any(String), message: expect.any(String) }));
      }),
      { numRuns: 40, ...TIME(4_000) },
    );
  });
});
