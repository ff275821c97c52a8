import { randomUUID } from 'node:crypto';
import { defaultCalendar } from '@adminduk/calendar';
import { complaintDecider, complaintStreamId, type ComplaintCommand, type ReceiveComplaintData } from '@adminduk/domain';
import { handleCommand } from '@adminduk/event-store';
import { ComplaintTrackingCodes, trackingNumberOf } from '@adminduk/self-print-token';
import { startNotifierTestbed, type NotifierTestbed } from './testing/notifier-testbed';

const petugas = { userId: 'pengaduan-1', role: 'petugas-pengaduan' as const };
const camat = { userId: 'camat-balongbendo', role: 'camat' as const, kecamatan: '35.15.12' };
// Tuesday 1 December 2026, 09:00 WIB.
const T0 = new Date('2026-12-01T02:00:00.000Z');

/** Complaint steps told to the complainant: real PostgreSQL (event store, send record) and a real SMTP server. */
describe('EventNotifier: complaints', () => {
  let bed: NotifierTestbed;
  let store: NotifierTestbed['store'];
  let smtp: NotifierTestbed['smtp'];

  beforeAll(async () => {
    bed = await startNotifierTestbed('complaint_notifier');
    ({ store, smtp } = bed);
  });
  afterAll(() => bed?.close());

  const notifier = () => bed.notifier();

  async function run(id: string, command: ComplaintCommand, now = T0) {
    await handleCommand(
      store,
      complaintStreamId(id),
      complaintDecider,
      { command, idempotencyKey: randomUUID(), actor: { userId: command.actor.userId, role: command.actor.role }, correlationId: 'c', now },
      () => ({ now, calendar: defaultCalendar }),
    );
  }
  const receive = (id: string, complainant?: ReceiveComplaintData['complainant']) =>
    run(id, {
      type: 'ReceiveComplaint',
      actor: petugas,
      data: {
        complaintId: id,
        kind: 'pengaduan',
        category: 'pelayanan-lambat',
        channel: 'telepon',
        summary: 'KK belum selesai',
        description: 'Sudah tiga minggu KK anak saya belum selesai.',
        kecamatan: '35.15.12',
        complainant,
      },
    });
  const handleAll = async (id: string) => {
    for (const e of await store.readStream(complaintStreamId(id))) await notifier().handle(e);
  };

  it('each step is mailed once to the address the complainant left, without their name or phone', async () => {
    const id = randomUUID();
    await receive(id, { name: 'Sumiati Rahayu', phone: '081377788899', email: 'sumiati@example.id' });
    await run(id, { type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'ringan' } });
    await run(id, { type: 'DisposeComplaint', actor: petugas, data: { unit: 'Seksi Pelayanan' } });
    await run(id, { type: 'AnswerComplaint', actor: petugas, data: { answer: 'KK Anda selesai dan dapat diambil besok.' } });
    await run(id, { type: 'CloseComplaint', actor: petugas, data: { satisfaction: 'puas' } });
    await handleAll(id);
    await handleAll(id); // a redelivery sends nothing again

    const mails = smtp.messages.filter((m) => m.subject.endsWith(`[${trackingNumberOf(id)}]`));
    expect(mails.map((m) => m.subject.replace(/ \[.*\]$/, ''))).toEqual([
      'Pengaduan diterima',
      'Pengaduan sedang ditangani',
      'Jawaban atas pengaduan Anda',
      'Pengaduan selesai',
    ]);
    expect(mails.every((m) => m.to.join() === 'sumiati@example.id')).toBe(true);
    // Verification due 3 working days after receipt; the answer 5 working days after verification.
    expect(mails[0].text).toContain('Jumat, 4 Desember 2026 pukul 09.00 WIB');
    expect(mails[1].text).toContain('Selasa, 8 Desember 2026 pukul 09.00 WIB');
    expect(mails[2].text).toContain('KK Anda selesai dan dapat diambil besok.');
    expect(mails[3].text).toContain('Kepuasan yang tercatat: Puas');
    for (const m of mails) expect(`${m.subject}\n${m.text}\n${m.html}`).not.toMatch(/Sumiati|081377788899/);
  });

  it('"diterima" carries the tracking number, the secret code and the lookup page; later mails the number and page, never the code', async () => {
    const id = randomUUID();
    await receive(id, { name: 'Sumiati Rahayu', email: 'sumiati.lacak@example.id' });
    await run(id, { type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'ringan' } });
    await handleAll(id);

    const number = trackingNumberOf(id);
    const code = bed.trackingCodes.codeOf(id);
    const [received, verified] = smtp.messages.filter((m) => m.to.join() === 'sumiati.lacak@example.id');
    expect(received.subject).toBe(`Pengaduan diterima [${number}]`);
    expect(received.text).toContain(`Nomor pengaduan: ${number}`);
    expect(received.text).toContain(`Kode rahasia: ${code}`);
    const lookup = `${bed.webOrigin}/pengaduan/lacak?nomor=${number}`;
    expect(received.text).toContain(lookup);
    expect(received.html).toContain(`href="${lookup}"`);
    expect(received.html).toContain(code);
    // The code the complaints service checks: made with the same key it is (another key gives another code).
    expect(bed.trackingCodes.matches(id, /Kode rahasia: (\S+)/.exec(received.text)![1])).toBe(true);
    expect(new ComplaintTrackingCodes(Buffer.alloc(32, 1)).codeOf(id)).not.toBe(code);

    expect(verified.subject).toBe(`Pengaduan sedang ditangani [${number}]`);
    expect(verified.text).toContain(`Nomor pengaduan: ${number}`);
    expect(verified.text).toContain(lookup);
    expect(`${verified.text}${verified.html}`).not.toContain(code);
    // The code never in a URL (links end up in browser histories and access logs).
    for (const m of [received, verified]) for (const url of m.text.match(/https?:\/\/\S+/g) ?? []) expect(url).not.toContain(code);
  });

  it('the camat’s follow-up instruction is told to the complainant, without what was instructed', async () => {
    const id = randomUUID();
    await receive(id, { email: 'warga.camat@example.id' });
    await run(id, { type: 'VerifyComplaint', actor: petugas, data: { outcome: 'valid', tier: 'ringan' } });
    // The answer was due Tuesday 8 December 09:00 WIB; the platform escalates a minute later.
    const answerBy = '2026-12-08T02:00:00.000Z';
    const later = new Date('2026-12-08T02:01:00.000Z');
    await run(
      id,
      { type: 'EscalateComplaint', actor: { userId: 'system', role: 'system' }, data: { stage: 'answer', dueAt: answerBy } },
      later,
    );
    const instruction = 'Tegur staf Seksi Pelayanan Bapak Warsito dan selesaikan KK hari ini.';
    await run(id, { type: 'InstructComplaintFollowUp', actor: camat, data: { instruction } }, later);
    await handleAll(id);
    await handleAll(id); // a redelivery sends nothing again

    const mails = smtp.messages.filter((m) => m.to.join() === 'warga.camat@example.id');
    expect(mails.map((m) => m.subject)).toEqual([
      `Pengaduan diterima [${trackingNumberOf(id)}]`,
      `Pengaduan sedang ditangani [${trackingNumberOf(id)}]`,
      `Pengaduan diteruskan kepada camat [${trackingNumberOf(id)}]`,
      `Camat menindaklanjuti pengaduan Anda [${trackingNumberOf(id)}]`,
    ]);
    const followUp = mails[3];
    expect(followUp.text).toContain('Camat telah memberikan instruksi tindak lanjut kepada petugas yang menangani pengaduan Anda.');
    expect(`${followUp.subject}${followUp.text}${followUp.html}`).not.toMatch(/Warsito|Tegur|hari ini/);
  });

  it('anonymous, or no e-mail left: nobody is told', async () => {
    const anonymous = randomUUID();
    const phoneOnly = randomUUID();
    await receive(anonymous);
    await receive(phoneOnly, { name: 'Budi', phone: '081234567890' });
    const before = smtp.messages.length;
    await handleAll(anonymous);
    await handleAll(phoneOnly);
    expect(smtp.messages.length).toBe(before);
  });
});
