import { createServer, type AddressInfo } from 'node:net';
import { messageIdFor, sendKey } from '../send-key';
import { SendFailedError } from '../send-error';
import { startSmtpTestServer, type SmtpTestServer } from '../testing/smtp-test-server';
import { SmtpMailSender } from './smtp-mail-sender';
import type { OutgoingMail } from './mail-sender.port';

const key = sendKey({ applicationId: 'app-1', template: 'submission-received', eventId: 'evt-1', channel: 'email' });
const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  messageId: messageIdFor(key, 'adminduk.test'),
  to: 'siti.aminah@example.test',
  subject: 'Permohonan diterima [TT-351512-20260302-0007]',
  text: 'Yth. Bapak/Ibu Siti Aminah,\n\nBatas waktu perbaikan: Selasa, 3 Maret 2026 pukul 12.00 WIB.\n',
  html: '<p>Yth. Bapak/Ibu Siti Aminah,</p>',
  ...over,
});

describe('SMTP mail sender against a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let sender: SmtpMailSender;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    sender = new SmtpMailSender({ host: smtp.host, port: smtp.port, from: 'Disdukcapil <noreply@adminduk.test>', timeoutMs: 3000 });
  });
  afterAll(async () => {
    await sender.close();
    await smtp.close();
  });

  it('delivers the message with the Message-ID derived from its send key', async () => {
    const m = mail();
    await expect(sender.send(m)).resolves.toEqual({ messageId: m.messageId });
    const [got] = await smtp.waitFor((x) => x.messageId === m.messageId);
    expect(got.to).toEqual(['siti.aminah@example.test']);
    expect(got.from).toBe('noreply@adminduk.test');
    expect(got.subject).toBe(m.subject);
    expect(got.text).toContain('Selasa, 3 Maret 2026 pukul 12.00 WIB');
    expect(got.html).toContain('Siti Aminah');
  });

  it('derives the same Message-ID for the same key, a different one for another event', () => {
    expect(messageIdFor(key, 'adminduk.test')).toBe(messageIdFor(key, 'adminduk.test'));
    const other = sendKey({ applicationId: 'app-1', template: 'submission-received', eventId: 'evt-2', channel: 'email' });
    expect(messageIdFor(other, 'adminduk.test')).not.toBe(messageIdFor(key, 'adminduk.test'));
    expect(messageIdFor(key, 'adminduk.test')).toMatch(/^<[0-9a-f]{40}@adminduk\.test>$/);
  });

  it('reports a 5xx refusal as permanent and a 4xx one as worth retrying, without the address', async () => {
    smtp.refuseNext(1, 550);
    const permanent = await sender.send(mail({ messageId: messageIdFor('k-550', 'adminduk.test') })).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(SendFailedError);
    expect(permanent).toMatchObject({ permanent: true, code: '550' });
    smtp.refuseNext(1, 451);
    const transient = await sender.send(mail({ messageId: messageIdFor('k-451', 'adminduk.test') })).catch((e: unknown) => e);
    expect(transient).toMatchObject({ permanent: false, code: '451' });
    for (const e of [permanent, transient]) expect((e as Error).message).not.toContain('siti.aminah');
    // The server works again afterwards.
    await sender.send(mail({ messageId: messageIdFor('k-ok', 'adminduk.test') }));
    await smtp.waitFor((x) => x.messageId === messageIdFor('k-ok', 'adminduk.test'));
  });

  it('reports an unreachable server as worth retrying', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const down = new SmtpMailSender({ host: '127.0.0.1', port, from: 'noreply@adminduk.test', timeoutMs: 2000 });
    try {
      await expect(down.send(mail())).rejects.toMatchObject({ name: 'SendFailedError', permanent: false });
    } finally {
      await down.close();
    }
  });
});
