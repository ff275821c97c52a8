import dns from 'node:dns';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
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

  it('abandons a whole send after its bound, queued ones too, however long each phase may take', async () => {
    // A relay that accepts and never greets: only the 10 s greeting timeout would end the send. The
    // send record's claim must outlast a send, so the send is bounded as a whole.
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const stalled = new SmtpMailSender({
      host: '127.0.0.1',
      port: (silent.address() as AddressInfo).port,
      from: 'noreply@adminduk.test',
      timeoutMs: 10_000,
      sendTimeoutMs: 300,
      maxConnections: 1,
    });
    try {
      const started = Date.now();
      // Two sends on one connection: the first waits for the greeting, the second in the pool's queue.
      const [first, second] = await Promise.all(
        [0, 1].map((i) => stalled.send(mail({ messageId: messageIdFor(`k-stall-${i}`, 'adminduk.test') })).catch((e: unknown) => e)),
      );
      for (const e of [first, second])
        expect(e).toMatchObject({
          name: 'SendFailedError',
          permanent: false,
          code: 'ETIMEDOUT',
          message: 'SMTP send not done within 300 ms',
        });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await stalled.close();
      held.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
  });

  it('the test SMTP server greets without asking DNS for the client`s name (nothing leaves the loopback)', async () => {
    const reverse = jest.spyOn(dns, 'reverse').mockImplementation(() => ({}) as never); // a resolver that never answers
    try {
      const socket = connect(smtp.port, '127.0.0.1');
      const greeting = await new Promise<string>((resolve, reject) => {
        socket.once('data', (d) => resolve(String(d)));
        socket.once('error', reject);
      });
      socket.destroy();
      expect(greeting).toMatch(/^220 /);
      expect(reverse).not.toHaveBeenCalled();
    } finally {
      reverse.mockRestore();
    }
  });
});
