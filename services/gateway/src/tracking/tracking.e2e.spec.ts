import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { domainTesting } from '@adminduk/domain';
import { createLogger } from '@adminduk/observability';
import { eventually, namespacedPlatformEnv, testBusEnv, testRateLimitEnv } from '@adminduk/testing';
import { createGatewayApp } from '../gateway.app';
import { loadGatewayConfig } from '../gateway.config';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '../testing';
import { NOT_FOUND_MESSAGE } from './tracking.query';

const REQUIREMENTS = [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const body = counterSubmission();
const BIRTH_DATE = body.family.anggota.find((m) => m.nik === body.applicant.nik)!.tanggalLahir;
const NIK4 = body.applicant.nik.slice(-4);
const PUBLIC_LIMIT = 5;

describe('public status tracking: receipt number + birth date + last four NIK digits, throttled, no oracle', () => {
  let platform: InProcessPlatform;
  let gateway: INestApplication; // a second gateway on the same data, with a low public limit
  let base: string;
  let receipt: string;
  let address = 10;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ logLevel: 'warn' });
    const auth = platform.serviceUrls.auth;
    gateway = await createGatewayApp(
      loadGatewayConfig({
        ADMINDUK_ENV: 'test',
        PORT: '0',
        DATABASE_URL: platform.schema.url,
        ...namespacedPlatformEnv(platform.commandSubjectPrefix),
        ...testBusEnv('gateway'),
        ...testRateLimitEnv,
        RATE_LIMIT_PUBLIC_PER_MIN: String(PUBLIC_LIMIT),
        HTTP_TRUST_PROXY: 'loopback',
        AUTH_JWKS_URL: `${auth}/.well-known/jwks.json`,
        AUTH_ISSUER: auth,
        AUTH_AUDIENCE: 'adminduk',
      }),
      createLogger({ service: 'gateway-limited', level: 'silent' }),
    );
    await gateway.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;

    const operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    await eventually(async () => {
      if ((await operator.get(`/api/applications/${id}`)).status !== 200) throw new Error('not projected yet');
    }, 10_000);
    for (const req of REQUIREMENTS) expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    const completed = await operator.post(`/api/applications/${id}/verification/complete`);
    expect(completed.status).toBe(200);
    receipt = completed.body.receiptNumber;
    expect(receipt).toMatch(/^TT-351512-\d{8}-\d{4}$/);
    await eventually(async () => {
      const v = await operator.get(`/api/applications/${id}`);
      if (v.body.receiptNumber !== receipt) throw new Error('receipt not projected yet');
    }, 10_000);
  });
  afterAll(async () => {
    await gateway?.close();
    await platform?.close();
  });

  /** Each test speaks from its own address (the gateway trusts the loopback proxy), so limits do not mix. */
  const from = (ip: string) => async (query: Record<string, string>) => {
    const r = await fetch(`${base}/api/public/lacak?${new URLSearchParams(query)}`, { headers: { 'x-forwarded-for': ip } });
    return { status: r.status, body: (await r.json()) as Record<string, any>, headers: r.headers };
  };
  const nextAddress = () => `198.51.100.${address++}`;

  it('the right factors answer the status label and the next step only, in Indonesian', async () => {
    const r = await from(nextAddress())({ nomor: receipt, tanggalLahir: BIRTH_DATE, nik4: NIK4 });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    // Nothing but the status, its detail and the next step.
    expect(Object.keys(r.body).filter((k) => !['status', 'keterangan', 'langkahBerikutnya'].includes(k))).toEqual([]);
    expect(r.body.langkahBerikutnya).toMatch(/\S/);
    expect(r.body.status).toMatch(/\S/);
    expect(r.body.langkahBerikutnya).toMatch(/tanda tangan elektronik|KK sudah terbit/);
    const text = JSON.stringify(r.body);
    for (const personal of [body.applicant.nik, body.applicant.namaLengkap, body.family.noKk, body.newborn.namaLengkap, BIRTH_DATE])
      expect(text).not.toContain(personal);
    // The receipt number is case-insensitive (typed from the slip).
    expect((await from(nextAddress())({ nomor: receipt.toLowerCase(), tanggalLahir: BIRTH_DATE, nik4: NIK4 })).status).toBe(200);
  });

  it('a wrong birth date, wrong NIK digits and an unknown receipt number get the same 404', async () => {
    const ask = from(nextAddress());
    const answers = [
      await ask({ nomor: receipt, tanggalLahir: '1990-01-01', nik4: NIK4 }),
      await ask({ nomor: receipt, tanggalLahir: BIRTH_DATE, nik4: NIK4 === '9999' ? '9998' : '9999' }),
      await ask({ nomor: 'TT-351512-20200101-0001', tanggalLahir: BIRTH_DATE, nik4: NIK4 }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0].body);
    }
    expect(answers[0].body).toMatchObject({ code: 'TRACKING_NOT_FOUND', message: NOT_FOUND_MESSAGE });
  });

  it('bad input is a 400 naming the field, in Indonesian', async () => {
    const r = await from(nextAddress())({ nomor: receipt, tanggalLahir: '12-03-1988', nik4: '12' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['nik4', 'tanggalLahir']);
  });

  it('past the public limit an address gets 429 with Retry-After; another address is not affected', async () => {
    const ask = from(nextAddress());
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_LIMIT + 2; i++)
      statuses.push((await ask({ nomor: receipt, tanggalLahir: '1990-01-01', nik4: '0000' })).status);
    expect(statuses.slice(0, PUBLIC_LIMIT)).toEqual(Array(PUBLIC_LIMIT).fill(404));
    const limited = await ask({ nomor: receipt, tanggalLahir: BIRTH_DATE, nik4: NIK4 });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from(nextAddress())({ nomor: receipt, tanggalLahir: BIRTH_DATE, nik4: NIK4 })).status).toBe(200);
  });

  it('the page: /lacak?nomor=<receipt> (the QR on the slip) shows the form; submitting it shows the status or the same refusal', async () => {
    const ip = nextAddress();
    const page = (q: string) => fetch(`${base}/lacak?${q}`, { headers: { 'x-forwarded-for': ip } });
    const form = await page(`nomor=${receipt}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain(`value="${receipt}"`);
    expect(html).toContain('name="tanggalLahir"');
    expect(html).toContain('name="nik4"');
    const ok = await page(new URLSearchParams({ nomor: receipt, tanggalLahir: BIRTH_DATE, nik4: NIK4 }).toString());
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Status permohonan');
    const wrong = await page(new URLSearchParams({ nomor: receipt, tanggalLahir: '1990-01-01', nik4: NIK4 }).toString());
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('Permohonan tidak ditemukan');
  });
});
