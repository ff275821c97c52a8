import { randomUUID } from 'node:crypto';
import { defaultCalendar } from '@adminduk/calendar';
import { complaintDecider, complaintStreamId, type ComplaintCommand, type ReceiveComplaintData } from '@adminduk/domain';
import { handleCommand } from '@adminduk/event-store';
import { startNotifierTestbed, type NotifierTestbed } from './testing/notifier-testbed';

const petugas = { userId: 'pengaduan-1', role: 'petugas-pengaduan' as const };
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

    const mails = smtp.messages.filter((m) => m.text.includes(id));
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
