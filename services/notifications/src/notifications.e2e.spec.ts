import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatWibDateTime, fromWib, wibParts } from '@adminduk/calendar';
import { domainTesting } from '@adminduk/domain';
import { ApiClient, counterSubmission, onlineSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { pdfBytes } from '@adminduk/documents/testing';
import { DeadLetters } from '@adminduk/messaging';
import { createLogger } from '@adminduk/observability';
import { eventually, testBusSeed, testEnv, testNatsOptions } from '@adminduk/testing';
import { connect } from 'nats';
import { NOTIFICATIONS_DURABLE } from './notification-consumer';
import { startNotifications, type NotificationsUnderTest } from './testing/notifications-harness';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
const APPLICANT_EMAIL = counterSubmission().applicant.email;
const REPO_ROOT = path.resolve(__dirname, '../../..');
const execFileAsync = promisify(execFile);

describe('notifications: application events become e-mail in a real SMTP server', () => {
  let platform: InProcessPlatform;
  let notifications: NotificationsUnderTest;
  let operator: ApiClient;
  let applicant: ApiClient;
  const logLines: string[] = [];

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, logLevel: 'warn' });
    notifications = await startNotifications({
      namespace: platform.commandSubjectPrefix,
      databaseUrl: platform.schema.url,
      logger: createLogger({ service: 'notifications', level: 'info', destination: { write: (line: string) => void logLines.push(line) } }),
    });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    applicant = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
  });
  afterAll(async () => {
    await notifications?.close();
    await platform?.close();
  });

  const mailsOf = (reference: string, count: number) =>
    eventually(
      () => {
        const found = notifications.mailsOf(reference);
        if (found.length < count) throw new Error(`${found.length} of ${count} mails for ${reference}`);
        return found;
      },
      20_000,
      50,
    );

  it('online: the receipt mail, then the correction request with its concrete deadline in WIB', async () => {
    const submitted = await applicant.post('/api/applications', onlineSubmission());
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    const [receipt] = await mailsOf(id, 1);
    expect(receipt.subject).toBe(`Permohonan diterima [${id}]`);
    expect(receipt.to).toEqual([APPLICANT_EMAIL]);
    expect(receipt.text).toContain('3 hari kerja sejak berkas lengkap');
    expect(receipt.text).toMatch(/NIK pemohon: \d{4}\*{8}\d{4}/); // masked
    expect(receipt.text).not.toContain(counterSubmission().applicant.nik);
    expect(receipt.messageId).toMatch(/^<[0-9a-f]{40}@adminduk\.localhost>$/);

    for (const req of DOCUMENT_REQUIREMENTS)
      expect(
        (await applicant.upload(platform.documentsUrl!, id, req, pdfBytes(2048 + DOCUMENT_REQUIREMENTS.indexOf(req), 0x41))).status,
      ).toBe(201);
    const rejected = await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/reject`, { reason: 'Hasil pindaian buram' });
    expect(rejected.status).toBe(200);
    const requestedFrom = new Date();
    expect((await operator.post(`/api/applications/${id}/correction-request`)).status).toBe(200);
    const requestedTo = new Date();

    const mails = await mailsOf(id, 2);
    const correction = mails.find((m) => m.subject.startsWith('Perbaikan berkas diperlukan'))!;
    // The standard: 12:00 WIB on the calendar day after the request, written out as "Selasa, 3 Maret 2026 pukul 12.00 WIB".
    const deadlines = [requestedFrom, requestedTo].map(nextDayNoonWib).map(formatWibDateTime);
    const deadline = deadlines.find((d) => correction.text.includes(`Batas waktu perbaikan: ${d}.`));
    expect(deadline).toBeDefined();
    expect(deadline).toMatch(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \S+ \d{4} pukul 12\.00 WIB$/);
    expect(correction.text).toContain('Hasil pindaian buram');
    expect(correction.html).toContain(deadline!);
    // One message per (application, template, event): no repeat of the receipt.
    expect(notifications.mailsOf(id).filter((m) => m.subject.startsWith('Permohonan diterima'))).toHaveLength(1);
  });

  it('counter: an incomplete file is returned at once, with its reason', async () => {
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI KEMBALI SATU';
    body.presentedRequirementIds = DOCUMENT_REQUIREMENTS.slice(0, 2);
    const r = await operator.post('/api/applications', body);
    expect(r.status).toBe(201);
    const id = r.body.applicationId as string;
    const mails = await mailsOf(id, 2);
    expect(mails.map((m) => m.subject.replace(/ \[.*$/, '')).sort()).toEqual(['Berkas dikembalikan', 'Permohonan diterima']);
    expect(mails.find((m) => m.subject.startsWith('Berkas dikembalikan'))!.text).toMatch(/Berkas permohonan dikembalikan: \S/);
  });

  it('rejected and withdrawn applications are told so, with the reason', async () => {
    const counter = counterSubmission();
    counter.newborn.namaLengkap = 'BAYI DITOLAK SATU';
    const rejectedId = (await operator.post('/api/applications', counter)).body.applicationId as string;
    await mailsOf(rejectedId, 1);
    expect((await operator.post(`/api/applications/${rejectedId}/reject`, { reason: 'Data kelahiran tidak sesuai register' })).status).toBe(
      200,
    );
    const online = (await applicant.post('/api/applications', onlineSubmission())).body.applicationId as string;
    await mailsOf(online, 1);
    expect((await applicant.post(`/api/applications/${online}/withdraw`, { reason: 'Salah memilih layanan' })).status).toBe(200);

    const rejected = (await mailsOf(rejectedId, 2)).find((m) => m.subject.startsWith('Permohonan ditolak'))!;
    expect(rejected.text).toContain('Data kelahiran tidak sesuai register');
    const withdrawn = (await mailsOf(online, 2)).find((m) => m.subject.startsWith('Permohonan dibatalkan'))!;
    expect(withdrawn.text).toContain('Salah memilih layanan');
  });

  it('a refusing SMTP server: retried with backoff, dead-lettered with the reason after the last attempt; replay sends it once', async () => {
    await eventually(() => expect(notifications.smtp.messages.length).toBeGreaterThan(0)); // earlier tests settled
    const before = notifications.smtp.messages.length;
    notifications.smtp.refuseNext(3, 451); // NOTIFY_MAX_ATTEMPTS=3 in the harness
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI TERTUNDA SATU';
    const id = (await operator.post('/api/applications', body)).body.applicationId as string;

    const ns = platform.commandSubjectPrefix;
    const nc = await connect(testNatsOptions('dlq-reader'));
    try {
      const deadLetters = new DeadLetters(nc, { name: `${ns}_DLQ`, subjectPrefix: `${ns}.dlq` });
      const parked = await eventually(
        async () => {
          const page = await deadLetters.list({ consumer: NOTIFICATIONS_DURABLE });
          const item = page.items.find((d) => Buffer.from(d.record.data, 'base64').toString().includes(id));
          if (!item) throw new Error('not dead-lettered yet');
          return item;
        },
        20_000,
        100,
      );
      expect(parked.record.deliveryCount).toBe(3);
      expect(parked.record.error).toMatch(/SMTP server refused the message \(451\)/);
      expect(parked.record.error).not.toContain(APPLICANT_EMAIL);
      expect(notifications.mailsOf(id)).toHaveLength(0);
      expect(notifications.smtp.messages.length).toBe(before);

      // The operator's tool, as the runbook says: the dlq CLI as the `ops` bus user.
      const cli = await execFileAsync(
        process.execPath,
        ['-r', '@swc-node/register', 'libs/messaging/src/cli/dlq.ts', 'replay', String(parked.seq)],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            NATS_URL: testEnv.natsUrl,
            NATS_NKEY_SEED: testBusSeed('ops'),
            DEAD_LETTER_STREAM: `${ns}_DLQ`,
            DEAD_LETTER_SUBJECT_PREFIX: `${ns}.dlq`,
          },
        },
      );
      expect(JSON.parse(cli.stdout)).toMatchObject({ replayed: parked.seq, duplicate: false });
      const [mail] = await mailsOf(id, 1);
      expect(mail.subject).toBe(`Permohonan diterima [${id}]`);
      // A late redelivery finds the key sent: still one mail.
      await new Promise((r) => setTimeout(r, 1000));
      expect(notifications.mailsOf(id)).toHaveLength(1);
    } finally {
      await nc.close();
    }
  });

  it('logs name sends by their keys (ids) and never the applicant: no e-mail, phone, NIK or name', () => {
    const { email, telepon, nik, namaLengkap } = counterSubmission().applicant;
    expect(logLines.filter((l) => l.includes('"sendKey"')).length).toBeGreaterThan(5);
    for (const secret of [email, telepon, nik, namaLengkap]) expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
  });
});

function nextDayNoonWib(at: Date): Date {
  const d = wibParts(at);
  return new Date(fromWib(d.year, d.month, d.day, 12).getTime() + 24 * 3600_000);
}
