import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { SmtpMailSender } from '../mail/smtp-mail-sender';
import type { PlannedSend } from '../planner/notification-planner';
import { messageIdFor, sendKey, type SendIdentity } from '../send-key';
import { NOTIFICATIONS_MIGRATIONS } from '../send-record/1765600000000-notification-sends';
import { SendRecordRepository } from '../send-record/send-record.repository';
import { BALONGBENDO_OFFICE } from '../templates/service-office';
import { renderTemplate } from '../templates/templates';
import { startSmtpTestServer, type SmtpTestServer } from '../testing/smtp-test-server';
import { NotificationDispatcher } from './notification-dispatcher';

const DOMAIN = 'adminduk.test';
const planned = (applicationId: string, eventId = 'evt-1'): PlannedSend => {
  const identity: SendIdentity = { applicationId, template: 'correction-requested', eventId, channel: 'email' };
  return {
    identity,
    key: sendKey(identity),
    recipient: `${applicationId}@example.test`,
    input: {
      template: 'correction-requested',
      applicant: { namaLengkap: 'Siti Aminah', nik: '3515012345670001' },
      referenceNumber: applicationId,
      serviceName: 'KK',
      office: BALONGBENDO_OFFICE,
      items: [{ label: 'KTP-el orang tua', reason: 'Buram' }],
      dueAt: '2026-03-03T05:00:00Z',
    },
  };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notification dispatcher: SMTP server and PostgreSQL send record', () => {
  let schema: TestSchema;
  let pool: Pool;
  let smtp: SmtpTestServer;
  let mail: SmtpMailSender;
  let records: SendRecordRepository;
  let dispatcher: NotificationDispatcher;

  beforeAll(async () => {
    schema = await createTestSchema('notif', { migrate: false });
    const ds = new DataSource({ type: 'postgres', url: schema.url, migrations: NOTIFICATIONS_MIGRATIONS, logging: false });
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    pool = new Pool({ connectionString: schema.url, max: 10 });
    smtp = await startSmtpTestServer();
    mail = new SmtpMailSender({ host: smtp.host, port: smtp.port, from: 'noreply@adminduk.test', timeoutMs: 3000 });
    records = new SendRecordRepository(pool, { leaseMs: 300 });
    dispatcher = new NotificationDispatcher({ records, mail, messageIdDomain: DOMAIN });
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
    await pool?.end();
    await schema?.drop();
  });

  const mailsFor = (applicationId: string) => smtp.messages.filter((m) => m.to.includes(`${applicationId}@example.test`));

  it('sends once however often the same event is delivered, at the same time or later', async () => {
    const send = planned('app-once');
    const outcomes = await Promise.all([dispatcher.deliver(send), dispatcher.deliver(send), dispatcher.deliver(send)]);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    await expect(dispatcher.deliver(send)).resolves.toMatchObject({ status: 'already-sent', messageId: messageIdFor(send.key, DOMAIN) });
    await sleep(200);
    expect(mailsFor('app-once')).toHaveLength(1);
    expect(mailsFor('app-once')[0]).toMatchObject({ messageId: messageIdFor(send.key, DOMAIN) });
    expect(mailsFor('app-once')[0].text).toContain('Selasa, 3 Maret 2026 pukul 12.00 WIB');
  });

  it('after a crash between sending and recording, repeats once with the same Message-ID', async () => {
    const send = planned('app-crash');
    // What the crashed process did: claimed, sent, died before markSent.
    await records.claim(send.identity);
    const m = renderTemplate(send.input);
    await mail.send({ messageId: messageIdFor(send.key, DOMAIN), to: send.recipient, subject: m.subject, text: m.text, html: m.html });
    await expect(dispatcher.deliver(send)).resolves.toMatchObject({ status: 'in-progress' });
    await sleep(350); // the lease ends
    await expect(dispatcher.deliver(send)).resolves.toMatchObject({ status: 'sent', attempt: 2 });
    await expect(dispatcher.deliver(send)).resolves.toMatchObject({ status: 'already-sent' });
    const got = mailsFor('app-crash');
    expect(got).toHaveLength(2);
    expect(new Set(got.map((g) => g.messageId))).toEqual(new Set([messageIdFor(send.key, DOMAIN)]));
  });

  it('records a refused send, rethrows it, and lets the retry through', async () => {
    const send = planned('app-retry');
    smtp.refuseNext(1, 451);
    await expect(dispatcher.deliver(send)).rejects.toMatchObject({ name: 'SendFailedError', permanent: false, code: '451' });
    expect(await records.find(send.key)).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringContaining('451') });
    await expect(dispatcher.deliver(send)).resolves.toMatchObject({ status: 'sent', attempt: 2 });
    expect(await records.find(send.key)).toMatchObject({ attempts: 2, lastError: null, messageId: messageIdFor(send.key, DOMAIN) });
    expect(mailsFor('app-retry')).toHaveLength(1);
  });

  it('fails an SMS permanently when no text sender is configured', async () => {
    const send = planned('app-sms');
    const identity: SendIdentity = { ...send.identity, channel: 'sms' };
    await expect(dispatcher.deliver({ ...send, identity, key: sendKey(identity), recipient: '081234567890' })).rejects.toMatchObject({
      permanent: true,
      code: 'ENOSENDER',
    });
  });
});
