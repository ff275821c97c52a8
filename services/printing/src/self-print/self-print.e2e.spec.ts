import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { pdfBytes } from '@adminduk/documents/testing';
import { signedKkObjectKey } from '@adminduk/kk-document';
import { createLogger } from '@adminduk/observability';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, selfPrintUrl, signSelfPrintToken } from '@adminduk/self-print-token';
import { eventually, namespacedPlatformEnv, testBusEnv, testRateLimitEnv } from '@adminduk/testing';
import { startNotifications, type NotificationsUnderTest } from '@adminduk/notifications-service/testing';
import { createPrintingApp } from '../printing.app';
import { loadPrintingConfig } from '../printing.config';
import { SelfPrintReactor } from './self-print-reactor';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
const REQUIREMENTS = [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const HOUR = 3_600_000;

/** Online (daring mandiri): nothing handed in at a counter; a fresh newborn name keeps the duplicate check quiet. */
function onlineSubmission(name: string) {
  const { presentedRequirementIds: _none, ...body } = counterSubmission();
  body.family.alamat.desa = '35.15.12.2004';
  body.newborn.namaLengkap = name;
  return body;
}

/** What the notifications service puts in the mail: the link of a SelfPrintLinkIssued, signed with the (development) key. */
const linkOf = (base: string, applicationId: string, e: { linkId: string; expiresAt: string }) =>
  selfPrintUrl(
    base,
    signSelfPrintToken({ applicationId, linkId: e.linkId, expiresAt: new Date(e.expiresAt) }, selfPrintSigningKey(DEV_SELF_PRINT_SEED)),
  );

describe('self-print: the mailed link of a signed KK downloads the signed PDF; expired, replaced, revoked and altered links do not', () => {
  let platform: InProcessPlatform;
  let printing: INestApplication;
  let notifications: NotificationsUnderTest;
  let printingUrl: string;
  let store: PostgresEventStore;
  let operator: ApiClient;
  let applicant: ApiClient;
  let nssDir: string;
  let tmp: string;
  let shift = 0; // the printing service's clock runs this far ahead of the real one
  let applicationId: string;
  const printingLog: string[] = [];

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, signing: { autoSign: true }, logLevel: 'warn' });
    const ns = platform.commandSubjectPrefix;
    const auth = platform.serviceUrls.auth;
    const config = loadPrintingConfig({
      ADMINDUK_ENV: 'test',
      PORT: '0',
      DATABASE_URL: platform.schema.url,
      ...namespacedPlatformEnv(ns),
      ...testBusEnv('printing'),
      ...testRateLimitEnv,
      ...platform.signing!.storageEnv,
      AUTH_JWKS_URL: `${auth}/.well-known/jwks.json`,
      AUTH_ISSUER: auth,
      AUTH_AUDIENCE: 'adminduk',
      PUBLIC_BASE_URL: 'https://layanan.example.go.id',
    });
    const destination = { write: (line: string) => void printingLog.push(line) };
    printing = await createPrintingApp(config, createLogger({ service: 'printing', level: 'info', destination }), {
      now: () => new Date(Date.now() + shift),
    });
    await printing.listen(0, '127.0.0.1');
    await printing.get(SelfPrintReactor).started();
    printingUrl = `http://127.0.0.1:${(printing.getHttpServer().address() as AddressInfo).port}`;
    // The notifications service mails the link, pointing at this printing service.
    notifications = await startNotifications({
      namespace: ns,
      databaseUrl: platform.schema.url,
      env: { SELF_PRINT_BASE_URL: printingUrl },
    });
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    applicant = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
    // pdfsig trusts what is in an NSS database: one holding only this run's development CA.
    tmp = mkdtempSync(join(tmpdir(), 'self-print-'));
    writeFileSync(join(tmp, 'ca.pem'), platform.signing!.caCertPem);
    mkdirSync(join(tmp, 'nss'));
    nssDir = `sql:${join(tmp, 'nss')}`;
    expect(spawnSync('certutil', ['-N', '-d', nssDir, '--empty-password']).status).toBe(0);
    expect(spawnSync('certutil', ['-A', '-d', nssDir, '-n', 'dev-ca', '-t', 'CT,C,C', '-i', join(tmp, 'ca.pem')]).status).toBe(0);
  });
  afterAll(async () => {
    await notifications?.close();
    await printing?.close();
    await store?.close();
    await platform?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const events = async (type: string) =>
    (await store.readStream(applicationStreamId(applicationId)))
      .filter((e) => e.type === type)
      .map((e) => e.data as Record<string, string>);
  const links = async (count: number) =>
    eventually(async () => {
      const issued = await events('SelfPrintLinkIssued');
      if (issued.length < count) throw new Error(`${issued.length} of ${count} links`);
      return issued;
    }, 30_000);
  const get = async (url: string) => {
    const r = await fetch(url);
    return {
      status: r.status,
      type: r.headers.get('content-type') ?? '',
      cache: r.headers.get('cache-control'),
      body: Buffer.from(await r.arrayBuffer()),
    };
  };
  /** A refusal: the Indonesian page with its status, never the file, and no download recorded. */
  const expectRefused = async (url: string, status: number, title: string) => {
    const before = (await events('KkSelfPrinted')).length;
    const r = await get(url);
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^text\/html/);
    const html = r.body.toString('utf8');
    expect(html).toContain('<html lang="id">');
    expect(html).toContain(title);
    expect(html).toMatch(/kecamatan/);
    expect(r.body.includes('%PDF')).toBe(false);
    expect(await events('KkSelfPrinted')).toHaveLength(before);
  };

  it('online application -> verified -> signed automatically -> link issued; each download is the signed PDF (pdfsig accepts) and its own event', async () => {
    const submitted = await applicant.post('/api/applications', onlineSubmission('BAYI CETAK MANDIRI'));
    expect(submitted.status).toBe(201);
    applicationId = submitted.body.applicationId;
    for (const [i, req] of DOCUMENT_REQUIREMENTS.entries())
      expect((await applicant.upload(platform.documentsUrl!, applicationId, req, pdfBytes(3000 + i, 0x42))).status).toBe(201);
    await eventually(async () => {
      if ((await operator.get(`/api/applications/${applicationId}`)).status !== 200) throw new Error('not projected yet');
    }, 10_000);
    for (const req of REQUIREMENTS)
      expect((await operator.post(`/api/applications/${applicationId}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${applicationId}/data/verify`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${applicationId}/verification/complete`)).status).toBe(200);

    const [link] = await links(1);
    const [signed] = await events('KkSigned');
    expect(link.documentId).toBe(signed.documentId);
    // The documented validity: 7 days from issue (in whole seconds, as the token carries it).
    expect(Date.parse(link.expiresAt) - Date.parse(link.at)).toBeGreaterThan(168 * HOUR - 1000);
    expect(Date.parse(link.expiresAt) - Date.parse(link.at)).toBeLessThanOrEqual(168 * HOUR);

    // The applicant's mail carries the link (the notifications service signs it).
    const mail = await eventually(() => {
      const found = notifications.mailsOf(applicationId).find((m) => m.subject.startsWith('Tautan cetak mandiri'));
      if (!found) throw new Error('no self-print mail yet');
      return found;
    }, 30_000);
    const url = /http:\/\/127\.0\.0\.1:\d+\/cetak\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    expect(url).toBe(linkOf(printingUrl, applicationId, link as unknown as { linkId: string; expiresAt: string }));
    const stored = await platform.signing!.readAll(signedKkObjectKey(signed.documentId, signed.sha256));
    const first = await get(url);
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/pdf');
    expect(first.cache).toBe('no-store');
    expect(first.body.equals(stored)).toBe(true);
    const path = join(tmp, 'kk.pdf');
    writeFileSync(path, first.body);
    const sig = spawnSync('pdfsig', ['-nssdir', nssDir, path], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(sig.stdout).toContain('Total document signed');
    expect(sig.status).toBe(0);

    const second = await get(url);
    expect(second.status).toBe(200);
    expect(second.body.equals(stored)).toBe(true);
    const downloads = await events('KkSelfPrinted');
    expect(downloads).toHaveLength(2);
    expect(new Set(downloads.map((d) => d.downloadId)).size).toBe(2);
    expect(downloads.every((d) => d.linkId === link.linkId && d.documentId === signed.documentId)).toBe(true);
    // The token is a credential: the access log names the route, never the token.
    const token = url.slice(url.lastIndexOf('/') + 1);
    expect(printingLog.some((l) => l.includes('/cetak/:token'))).toBe(true);
    expect(printingLog.filter((l) => l.includes(token.slice(0, 40)))).toEqual([]);
  }, 120_000);

  it('an altered token gets the Indonesian page (404), never the file', async () => {
    const [link] = await links(1);
    const url = linkOf(printingUrl, applicationId, link as unknown as { linkId: string; expiresAt: string });
    const token = url.slice(url.lastIndexOf('/') + 1);
    const altered = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    await expectRefused(`${printingUrl}/cetak/${altered}`, 404, 'Tautan tidak dikenali');
    await expectRefused(`${printingUrl}/cetak/${token.slice(0, -2)}`, 404, 'Tautan tidak dikenali');
  });

  it('after its expiry (the service clock 7 days on) the link answers 410', async () => {
    const [link] = await links(1);
    const url = linkOf(printingUrl, applicationId, link as unknown as { linkId: string; expiresAt: string });
    shift = Date.parse(link.expiresAt) - Date.now() + 1000;
    try {
      await expectRefused(url, 410, 'Tautan sudah kedaluwarsa');
    } finally {
      shift = 0;
    }
    expect((await get(url)).status).toBe(200); // back before the expiry: it works again
  });

  it('a newer link (an operator issues one) replaces the older: the old answers 410, the new one downloads', async () => {
    const [old] = await links(1);
    const issued = await new ApiClient(printingUrl, await platform.token('operator.balongbendo')).post(
      `/api/self-print/applications/${applicationId}/links`,
    );
    expect(issued.status).toBe(200);
    expect(issued.body.events).toEqual(['SelfPrintLinkIssued']);
    const [, fresh] = await links(2);
    // The new link first: the service last saw the application before it was issued (the old link's
    // download above), so this one is decided on the stream read again, not on what it knew.
    expect((await get(linkOf(printingUrl, applicationId, fresh as never))).status).toBe(200);
    await expectRefused(linkOf(printingUrl, applicationId, old as never), 410, 'Tautan sudah diganti');
    // Another kecamatan's operator may not.
    const other = await new ApiClient(printingUrl, await platform.token('operator.tarik')).post(
      `/api/self-print/applications/${applicationId}/links`,
    );
    expect(other.status).toBe(403);
  });

  it('after the KK is revoked the link answers 410 with what to do', async () => {
    const [, fresh] = await links(2);
    const signer = new ApiClient(platform.signing!.url, await platform.token('penandatangan'));
    expect((await signer.post(`/api/signing/revocations/${applicationId}`, { reason: 'Data anggota keluarga keliru' })).status).toBe(200);
    await expectRefused(linkOf(printingUrl, applicationId, fresh as never), 410, 'KK tidak berlaku');
  });
});
