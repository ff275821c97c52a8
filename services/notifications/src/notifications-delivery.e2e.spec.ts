import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { postgresApplicationCommands } from '@adminduk/application-commands';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { BALONGBENDO_OFFICE, WHO_MAY_COLLECT } from '@adminduk/notifications';
import { DEV_SELF_PRINT_PUBLIC_KEY, selfPrintVerifyKey, verifySelfPrintToken } from '@adminduk/self-print-token';
import { eventually } from '@adminduk/testing';
import { startNotifications, type NotificationsUnderTest } from './testing/notifications-harness';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
const textFile = path.join(mkdtempSync(path.join(tmpdir(), 'notify-texts-')), 'text-messages.jsonl');

describe('notifications: the KK is signed and ready; the self-print link', () => {
  let platform: InProcessPlatform;
  let notifications: NotificationsUnderTest;
  let operator: ApiClient;
  let store: PostgresEventStore;
  let pool: Pool;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ signing: { autoSign: true }, logLevel: 'warn' });
    notifications = await startNotifications({
      namespace: platform.commandSubjectPrefix,
      databaseUrl: platform.schema.url,
      env: { SELF_PRINT_BASE_URL: 'https://layanan.example.go.id', TEXT_MESSAGE_ADAPTER: 'file', TEXT_MESSAGE_FILE: textFile },
    });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
    pool = new Pool({ connectionString: platform.schema.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await store?.close();
    await notifications?.close();
    await platform?.close();
  });

  const mailOf = (reference: string, subject: string) =>
    eventually(
      () => {
        const found = notifications.mailsOf(reference).filter((m) => m.subject.startsWith(subject));
        if (found.length === 0) throw new Error(`no "${subject}" mail for ${reference} yet`);
        return found;
      },
      30_000,
      100,
    );

  it('a signed KK: "ready" mail with where, who may collect; a self-print link signed for that link, verified by the printing key', async () => {
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI SIAP SATU';
    const id = (await operator.post('/api/applications', body)).body.applicationId as string;
    for (const req of [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'])
      expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    const done = await operator.post(`/api/applications/${id}/verification/complete`);
    expect(done.status).toBe(200);
    const receiptNumber = done.body.receiptNumber as string;

    // Verified -> newborn NIK -> auto-signed -> KkSigned: the mail names the receipt number from then on.
    const [ready] = await mailOf(receiptNumber, 'Kartu Keluarga sudah ditandatangani dan siap');
    expect(ready.text).toContain(WHO_MAY_COLLECT);
    expect(ready.text).toContain(BALONGBENDO_OFFICE.address);
    expect(ready.text).toContain('hari dan jam kerja'); // the standard publishes no opening hours
    // The same notification as a short message by the development file adapter (the applicant's phone).
    const texts = await eventually(() => {
      const lines = readFileSync(textFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      const found = lines.filter((l) => l.sendKey.startsWith(`${id}/kk-ready/`));
      expect(found).toHaveLength(1);
      return found;
    }, 10_000);
    expect(texts[0]).toMatchObject({ channel: 'sms', to: counterSubmission().applicant.telepon });
    expect(texts[0].body).toContain(receiptNumber);

    const commands = postgresApplicationCommands(store, pool);
    const linkId = '0b9f6a52-7c1e-4d5b-9a7e-3f2d1c0b9a88';
    const expiresAt = new Date(Date.now() + 7 * 24 * 3_600_000);
    expiresAt.setUTCMilliseconds(0);
    await commands.executeAsSystem(
      id,
      { type: 'IssueSelfPrintLink', data: { linkId, expiresAt: expiresAt.toISOString() } },
      'system:self-print-link',
      `self-print-link:${linkId}`,
      `corr-${linkId}`,
    );
    const [link] = await mailOf(receiptNumber, 'Tautan cetak mandiri Kartu Keluarga');
    const url = /https:\/\/layanan\.example\.go\.id\/cetak\/([A-Za-z0-9_-]+)/.exec(link.text);
    expect(url).not.toBeNull();
    const check = verifySelfPrintToken(url![1], [selfPrintVerifyKey(DEV_SELF_PRINT_PUBLIC_KEY)], new Date());
    expect(check).toEqual({ status: 'valid', grant: { applicationId: id, linkId, expiresAt } });
    expect(link.html).toContain(url![0]);
  });
});
