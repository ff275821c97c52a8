import { escapeHtml } from './html';
import { maskEmail, maskIdNumber, maskPhone } from './masking';
import { BALONGBENDO_OFFICE } from './service-office';
import { TEMPLATE_NAMES, type MessageContext, type TemplateInput } from './template-input';
import { renderTemplate } from './templates';

const NIK = '3515012345670001';
const ctx: MessageContext = {
  applicant: { namaLengkap: 'Siti Aminah', nik: NIK },
  referenceNumber: 'TT-351512-20260302-0007',
  serviceName: 'Penerbitan KK karena penambahan anggota keluarga (kelahiran)',
  office: BALONGBENDO_OFFICE,
};

const inputs: Record<(typeof TEMPLATE_NAMES)[number], TemplateInput> = {
  'submission-received': { ...ctx, template: 'submission-received', slaDueAt: '2026-03-05T09:00:00Z', slaWorkingDays: 3 },
  'correction-requested': {
    ...ctx,
    template: 'correction-requested',
    items: [{ label: 'Hasil Scan Surat kelahiran dari RS/ bidan / Klinik / Puskesmas', reason: 'Scan buram, nama bayi tidak terbaca' }],
    dueAt: '2026-03-03T05:00:00.000Z',
  },
  'file-returned': {
    ...ctx,
    template: 'file-returned',
    reason: 'Batas waktu perbaikan terlewati.',
    items: [{ label: 'KTP-el orang tua', reason: 'Belum diunggah' }],
  },
  'kk-ready': { ...ctx, template: 'kk-ready', selfPrintAvailable: true },
  'self-print-link': {
    ...ctx,
    template: 'self-print-link',
    url: 'https://adminduk.example/cetak/abc.def',
    expiresAt: '2026-03-10T16:59:00Z',
  },
  'survey-invitation': {
    ...ctx,
    template: 'survey-invitation',
    url: 'https://adminduk.example/survei/xyz',
    expiresAt: '2026-04-01T16:59:00Z',
  },
  rejected: { ...ctx, template: 'rejected', reason: 'Data kelahiran tidak sesuai surat kelahiran.' },
  withdrawn: { ...ctx, template: 'withdrawn' },
};

describe('notification templates', () => {
  it('writes the correction deadline as a concrete day, date and time in WIB', () => {
    const m = renderTemplate(inputs['correction-requested']);
    expect(m.text).toContain('Batas waktu perbaikan: Selasa, 3 Maret 2026 pukul 12.00 WIB.');
    expect(m.text).toContain('- Hasil Scan Surat kelahiran dari RS/ bidan / Klinik / Puskesmas: Scan buram, nama bayi tidak terbaca');
    expect(m.short).toContain('Selasa, 3 Maret 2026 pukul 12.00 WIB');
    expect(m.subject).toBe('Perbaikan berkas diperlukan [TT-351512-20260302-0007]');
  });

  it('gives the receipt number and the SLA due date on submission', () => {
    const m = renderTemplate(inputs['submission-received']);
    expect(m.text).toContain('Nomor permohonan: TT-351512-20260302-0007');
    expect(m.text).toContain('Perkiraan selesai: Kamis, 5 Maret 2026 pukul 16.00 WIB (3 hari kerja sejak berkas lengkap).');
    const before = renderTemplate({ ...ctx, template: 'submission-received', slaWorkingDays: 3 });
    expect(before.text).toContain('Jangka waktu pelayanan 3 hari kerja sejak berkas lengkap');
  });

  it('says where, when and who may collect the signed KK', () => {
    const m = renderTemplate(inputs['kk-ready']);
    expect(m.text).toContain('Kantor Kecamatan Balongbendo, Jl. Mayjend Bambang Yuwono 2 Ds. Wonokupang Kec. Balongbendo');
    expect(m.text).toContain('pemohon atau anggota keluarga dalam satu Kartu Keluarga');
    expect(m.text).toContain('pada hari dan jam kerja kantor kecamatan');
    const withHours = renderTemplate({
      ...inputs['kk-ready'],
      office: { ...BALONGBENDO_OFFICE, openingHours: 'Senin-Jumat pukul 08.00-15.00 WIB' },
    });
    expect(withHours.text).toContain('Waktu pengambilan: Senin-Jumat pukul 08.00-15.00 WIB.');
  });

  it('puts the self-print link and its expiry in text and HTML', () => {
    const m = renderTemplate(inputs['self-print-link']);
    expect(m.text).toContain('https://adminduk.example/cetak/abc.def');
    expect(m.text).toContain('berlaku sampai Selasa, 10 Maret 2026 pukul 23.59 WIB');
    expect(m.html).toContain('<a href="https://adminduk.example/cetak/abc.def">');
  });

  it('invites to the anonymous IKM survey with its link and expiry', () => {
    const m = renderTemplate(inputs['survey-invitation']);
    expect(m.subject).toBe('Survei kepuasan layanan (IKM) [TT-351512-20260302-0007]');
    expect(m.text).toContain('https://adminduk.example/survei/xyz');
    expect(m.text).toContain('Survei ini anonim');
    expect(m.text).toContain('berlaku sampai Rabu, 1 April 2026 pukul 23.59 WIB');
    expect(m.html).toContain('<a href="https://adminduk.example/survei/xyz">');
  });

  it('gives the reason of a return, a rejection and a withdrawal', () => {
    expect(renderTemplate(inputs['file-returned']).text).toContain('Berkas permohonan dikembalikan: Batas waktu perbaikan terlewati.');
    expect(renderTemplate(inputs.rejected).text).toContain(
      'Permohonan ditolak dengan alasan: Data kelahiran tidak sesuai surat kelahiran.',
    );
    expect(renderTemplate({ ...ctx, template: 'withdrawn', reason: 'Salah isi data' }).text).toContain('Keterangan: Salah isi data');
  });

  it.each(TEMPLATE_NAMES)('%s never carries the full NIK, only the masked one', (name) => {
    const m = renderTemplate(inputs[name]);
    for (const part of [m.subject, m.text, m.html, m.short]) expect(part).not.toContain(NIK);
    expect(m.text).toContain('NIK pemohon: 3515********0001');
    expect(m.text).toContain('Layanan ini gratis (Rp 0)');
    expect(m.text).toContain('031-8971003');
  });

  it('escapes every value in the HTML body', () => {
    const m = renderTemplate({
      ...ctx,
      applicant: { ...ctx.applicant, namaLengkap: '<script>alert("x")</script>' },
      template: 'rejected',
      reason: 'a & b',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(m.html).toContain('a &amp; b');
    expect(m.text).toContain('<script>'); // plain text is not HTML: no entities there
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });

  it('renders the same input to the same message (a repeat is the same mail)', () => {
    for (const name of TEMPLATE_NAMES) expect(renderTemplate(inputs[name])).toEqual(renderTemplate(inputs[name]));
  });
});

describe('masking personal data', () => {
  it('keeps the first and last four digits of a NIK or No. KK', () => {
    expect(maskIdNumber('3515012345670001')).toBe('3515********0001');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('masks e-mail addresses and phone numbers', () => {
    expect(maskEmail('siti.aminah@gmail.com')).toBe('si***@gmail.com');
    expect(maskEmail('a@b.id')).toBe('***@b.id');
    expect(maskEmail('tanpa-at')).toBe('***');
    expect(maskPhone('081234567890')).toBe('0812****7890');
  });
});
