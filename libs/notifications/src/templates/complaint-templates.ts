import { formatWibDateTimeIso } from '@adminduk/calendar';
import { blocksToHtml, blocksToText, facts, link, p, type Block } from './html';
import type { RenderedMessage } from './template-input';
import type { ServiceOffice } from './service-office';

export const COMPLAINT_TEMPLATE_NAMES = [
  'complaint-received',
  'complaint-verified',
  'complaint-answered',
  'complaint-escalated',
  'complaint-follow-up',
  'complaint-closed',
  'complaint-reopened',
] as const;
export type ComplaintTemplateName = (typeof COMPLAINT_TEMPLATE_NAMES)[number];

/**
 * What a complaint message knows. No name and no contact data: the mail goes to the address the
 * complainant left, and a message read by someone else must not say who complained. The number is
 * the tracking number the public form showed (`ADU-XXXX-XXXX-XXXX`); the secret code only in the
 * "diterima" mail (decision 0019, "The tracking code in the first mail").
 */
export interface ComplaintMessageContext {
  complaintId: string;
  /** `ADU-XXXX-XXXX-XXXX`: names the complaint in the subject, the body and the lookup. */
  trackingNumber: string;
  /** The public lookup page, `<web origin>/pengaduan/lacak?nomor=<number>` (never the code in a URL). */
  lookupUrl: string;
  /** "Pengaduan", "Saran", "Apresiasi". */
  kindLabel: string;
  /** "Pelayanan lambat". */
  categoryLabel: string;
  office: ServiceOffice;
}

export type ComplaintTemplateInput = ComplaintMessageContext &
  (
    | { template: 'complaint-received'; verifyBy: string; trackingCode: string }
    | { template: 'complaint-verified'; outcome: 'valid'; answerBy: string }
    | { template: 'complaint-verified'; outcome: 'forwarded'; forwardedTo: string }
    | { template: 'complaint-verified'; outcome: 'needs-information'; note: string }
    | { template: 'complaint-answered'; answer: string }
    | { template: 'complaint-escalated' }
    | { template: 'complaint-follow-up' }
    | { template: 'complaint-closed'; satisfactionLabel: string }
    | { template: 'complaint-reopened'; verifyBy: string }
  );

export const isComplaintTemplateInput = (i: { template: string }): i is ComplaintTemplateInput =>
  (COMPLAINT_TEMPLATE_NAMES as readonly string[]).includes(i.template);

interface Body {
  subject: string;
  blocks: Block[];
  short: string;
}

function bodyOf(i: ComplaintTemplateInput): Body {
  switch (i.template) {
    case 'complaint-received':
      return {
        subject: `${i.kindLabel} diterima`,
        blocks: [
          p(`${i.kindLabel} Anda telah kami terima dan akan diverifikasi paling lambat ${formatWibDateTimeIso(i.verifyBy)}.`),
          p('Kami akan memberi tahu Anda setiap tahap penanganannya melalui e-mail ini.'),
          p(
            'Simpan nomor pengaduan dan kode rahasia berikut. Dengan keduanya Anda dapat melihat status dan jawaban ' +
              'kapan saja di halaman Lacak pengaduan. Jangan berikan kode rahasia kepada orang lain; petugas tidak akan memintanya.',
          ),
          facts([
            ['Nomor pengaduan', i.trackingNumber],
            ['Kode rahasia', i.trackingCode],
          ]),
        ],
        short: `${i.kindLabel} diterima; diverifikasi paling lambat ${formatWibDateTimeIso(i.verifyBy)}.`,
      };
    case 'complaint-verified':
      if (i.outcome === 'valid')
        return {
          subject: `${i.kindLabel} sedang ditangani`,
          blocks: [
            p(`${i.kindLabel} Anda telah diverifikasi dan sedang ditangani. Jawaban paling lambat ${formatWibDateTimeIso(i.answerBy)}.`),
          ],
          short: `${i.kindLabel} ditangani; jawaban paling lambat ${formatWibDateTimeIso(i.answerBy)}.`,
        };
      if (i.outcome === 'forwarded')
        return {
          subject: `${i.kindLabel} diteruskan`,
          blocks: [p(`${i.kindLabel} Anda bukan kewenangan kantor kami dan telah diteruskan kepada ${i.forwardedTo}.`)],
          short: `${i.kindLabel} diteruskan kepada ${i.forwardedTo}.`,
        };
      return {
        subject: 'Informasi tambahan diperlukan',
        blocks: [
          p(`Untuk menangani ${i.kindLabel.toLowerCase()} Anda, kami memerlukan informasi berikut:`),
          p(i.note),
          p(`Sampaikan melalui saluran pengaduan di bawah dengan menyebut nomor pengaduan.`),
        ],
        short: 'Informasi tambahan diperlukan untuk pengaduan Anda; rincian ada di e-mail.',
      };
    case 'complaint-answered':
      return {
        subject: `Jawaban atas ${i.kindLabel.toLowerCase()} Anda`,
        blocks: [p('Jawaban kami:'), p(i.answer)],
        short: `${i.kindLabel} Anda telah dijawab; jawaban ada di e-mail.`,
      };
    case 'complaint-escalated':
      return {
        subject: `${i.kindLabel} diteruskan kepada camat`,
        blocks: [
          p(`Penanganan ${i.kindLabel.toLowerCase()} Anda melewati tenggatnya dan telah diteruskan kepada camat untuk ditindaklanjuti.`),
        ],
        short: `Penanganan ${i.kindLabel.toLowerCase()} melewati tenggat dan diteruskan kepada camat.`,
      };
    case 'complaint-follow-up':
      // The instruction itself is addressed to the staff and may name them or internal matters: never in the mail.
      return {
        subject: `Camat menindaklanjuti ${i.kindLabel.toLowerCase()} Anda`,
        blocks: [
          p(
            `Camat telah memberikan instruksi tindak lanjut kepada petugas yang menangani ${i.kindLabel.toLowerCase()} Anda. ` +
              'Jawaban tetap disampaikan oleh petugas pengaduan; kami akan memberi tahu Anda melalui e-mail ini.',
          ),
        ],
        short: `Camat memberi instruksi tindak lanjut atas ${i.kindLabel.toLowerCase()} Anda.`,
      };
    case 'complaint-closed':
      return {
        subject: `${i.kindLabel} selesai`,
        blocks: [p(`${i.kindLabel} Anda telah selesai ditangani. Kepuasan yang tercatat: ${i.satisfactionLabel}.`)],
        short: `${i.kindLabel} selesai ditangani.`,
      };
    case 'complaint-reopened':
      return {
        subject: `${i.kindLabel} dibuka kembali`,
        blocks: [p(`${i.kindLabel} Anda dibuka kembali dan akan diverifikasi ulang paling lambat ${formatWibDateTimeIso(i.verifyBy)}.`)],
        short: `${i.kindLabel} dibuka kembali.`,
      };
  }
}

/** Renders one complaint notification; the frame names the complaint, never the complainant. */
export function renderComplaintTemplate(i: ComplaintTemplateInput): RenderedMessage {
  const body = bodyOf(i);
  const reference = i.trackingNumber;
  const subject = `${body.subject} [${reference}]`;
  const blocks: Block[] = [
    p('Yth. Bapak/Ibu pelapor,'),
    ...body.blocks,
    facts([
      ...(i.template === 'complaint-received' ? [] : [['Nomor pengaduan', i.trackingNumber] as [string, string]]),
      ['Jenis', i.kindLabel],
      ['Kategori', i.categoryLabel],
    ]),
    link(
      i.template === 'complaint-received'
        ? 'Lacak pengaduan dengan nomor pengaduan dan kode rahasia di atas'
        : `Lacak pengaduan dengan nomor pengaduan dan kode rahasia (tercantum di e-mail "${i.kindLabel} diterima")`,
      i.lookupUrl,
    ),
    p('Layanan ini gratis (Rp 0). Jangan memberikan uang atau data pribadi kepada pihak yang mengatasnamakan petugas.'),
    p(
      `Saluran pengaduan: ${i.office.name}, ${i.office.address}; telepon ${i.office.complaints.telepon}; ` +
        `email ${i.office.complaints.email}; SP4N-LAPOR! www.lapor.go.id atau SMS 1708.`,
    ),
    p('Pesan ini dikirim otomatis; mohon tidak membalas e-mail ini.'),
  ];
  return { subject, text: blocksToText(blocks) + '\n', html: blocksToHtml(subject, blocks), short: `${body.short} No. ${reference}.` };
}
