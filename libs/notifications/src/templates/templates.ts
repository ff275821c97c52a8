import { formatWibDateTimeIso } from '@adminduk/calendar';
import { isComplaintTemplateInput, renderComplaintTemplate, type ComplaintTemplateInput } from './complaint-templates';
import { link, list, p } from './html';
import { frame, type MessageBody } from './message-frame';
import { WHO_MAY_COLLECT } from './service-office';
import type { InputOf, ItemToFix, RenderedMessage, TemplateInput, TemplateName } from './template-input';

/**
 * The Indonesian notifications, one pure function per template: input in, message out. No clock,
 * no I/O: the same input always renders the same message, so a repeated send is the same mail.
 */
const bodies: { [T in TemplateName]: (i: InputOf<T>) => MessageBody } = {
  'submission-received': (i) => ({
    subject: 'Permohonan diterima',
    blocks: [
      p(`Permohonan ${i.serviceName} telah kami terima dan akan diverifikasi oleh petugas kecamatan.`),
      i.slaDueAt
        ? p(`Perkiraan selesai: ${formatWibDateTimeIso(i.slaDueAt)} (${i.slaWorkingDays} hari kerja sejak berkas lengkap).`)
        : p(`Jangka waktu pelayanan ${i.slaWorkingDays} hari kerja sejak berkas lengkap dan tidak terkendala teknis.`),
    ],
    short: i.slaDueAt
      ? `Permohonan diterima. Perkiraan selesai ${formatWibDateTimeIso(i.slaDueAt)}.`
      : `Permohonan diterima. Selesai ${i.slaWorkingDays} hari kerja sejak berkas lengkap.`,
  }),
  'correction-requested': (i) => ({
    subject: 'Perbaikan berkas diperlukan',
    blocks: [
      p('Petugas menemukan persyaratan yang belum sesuai. Mohon perbaiki hal berikut melalui aplikasi:'),
      list(itemLines(i.items)),
      p(`Batas waktu perbaikan: ${formatWibDateTimeIso(i.dueAt)}.`),
      p('Jika perbaikan tidak diterima sampai batas waktu tersebut, berkas dikembalikan dan permohonan perlu diajukan ulang.'),
    ],
    short: `Berkas perlu diperbaiki paling lambat ${formatWibDateTimeIso(i.dueAt)}. Rincian ada di aplikasi dan e-mail.`,
  }),
  'file-returned': (i) => ({
    subject: 'Berkas dikembalikan',
    blocks: [
      p(`Berkas permohonan dikembalikan: ${i.reason}`),
      ...(i.items.length > 0 ? [p('Hal yang perlu dilengkapi atau diperbaiki:'), list(itemLines(i.items))] : []),
      p('Silakan mengajukan permohonan baru setelah persyaratan lengkap dan sesuai.'),
    ],
    short: 'Berkas permohonan dikembalikan. Rincian ada di e-mail; silakan ajukan ulang setelah persyaratan lengkap.',
  }),
  'kk-ready': (i) => ({
    subject: 'Kartu Keluarga sudah ditandatangani dan siap',
    blocks: [
      p('Kartu Keluarga baru telah ditandatangani secara elektronik dan siap diambil.'),
      p(`Tempat pengambilan: ${i.office.name}, ${i.office.address}.`),
      p(`Waktu pengambilan: ${i.office.openingHours ?? 'pada hari dan jam kerja kantor kecamatan'}.`),
      p(`Yang dapat mengambil: ${WHO_MAY_COLLECT}. Bawa nomor permohonan atau tanda terima.`),
      ...(i.selfPrintAvailable
        ? [p('Anda juga dapat mencetak sendiri melalui tautan cetak mandiri yang dikirim dalam e-mail terpisah.')]
        : []),
    ],
    short: `KK sudah ditandatangani dan dapat diambil di ${i.office.name} oleh ${WHO_MAY_COLLECT}.`,
  }),
  'self-print-link': (i) => ({
    subject: 'Tautan cetak mandiri Kartu Keluarga',
    blocks: [
      p('Kartu Keluarga dapat Anda unduh dan cetak sendiri melalui tautan berikut:'),
      link('Unduh Kartu Keluarga', i.url),
      p(
        `Tautan berlaku sampai ${formatWibDateTimeIso(i.expiresAt)} dan hanya untuk permohonan ini. Jangan bagikan tautan kepada orang lain.`,
      ),
      p(`Jika tautan tidak berlaku lagi, KK tetap dapat diambil di ${i.office.name} oleh ${WHO_MAY_COLLECT}.`),
    ],
    short: `KK dapat dicetak mandiri melalui tautan di e-mail Anda, berlaku sampai ${formatWibDateTimeIso(i.expiresAt)}.`,
  }),
  'survey-invitation': (i) => ({
    subject: 'Survei kepuasan layanan (IKM)',
    blocks: [
      p(
        `Terima kasih telah menggunakan layanan ${i.serviceName}. Bantu kami memperbaiki pelayanan dengan mengisi survei kepuasan masyarakat (sembilan pertanyaan, sekitar dua menit):`,
      ),
      link('Isi survei', i.url),
      p(
        `Survei ini anonim: jawaban Anda disimpan tanpa nama, NIK, atau alamat e-mail, dan hanya dapat diisi satu kali. Tautan berlaku sampai ${formatWibDateTimeIso(i.expiresAt)}.`,
      ),
    ],
    short: `Mohon isi survei kepuasan layanan (anonim) melalui tautan di e-mail Anda, berlaku sampai ${formatWibDateTimeIso(i.expiresAt)}.`,
  }),
  rejected: (i) => ({
    subject: 'Permohonan ditolak',
    blocks: [p(`Permohonan ditolak dengan alasan: ${i.reason}`), p(`Untuk keterangan lebih lanjut silakan menghubungi ${i.office.name}.`)],
    short: 'Permohonan ditolak. Alasan ada di e-mail.',
  }),
  withdrawn: (i) => ({
    subject: 'Permohonan dibatalkan',
    blocks: [
      p('Permohonan telah dibatalkan atas permintaan pemohon.' + (i.reason ? ` Keterangan: ${i.reason}` : '')),
      p(`Jika Anda tidak merasa membatalkan permohonan ini, segera hubungi ${i.office.name}.`),
    ],
    short: 'Permohonan dibatalkan atas permintaan pemohon. Bila bukan Anda, hubungi kantor kecamatan.',
  }),
};

/** Renders one notification (an application's, or a complaint's: complaint-templates.ts). */
export function renderTemplate(input: TemplateInput | ComplaintTemplateInput): RenderedMessage {
  if (isComplaintTemplateInput(input)) return renderComplaintTemplate(input);
  const body = (bodies[input.template] as (i: TemplateInput) => MessageBody)(input);
  return frame(input, body);
}

function itemLines(items: ItemToFix[]): string[] {
  return items.map((i) => `${i.label}: ${i.reason}`);
}
