import { blocksToHtml, blocksToText, facts, p, type Block } from './html';
import { maskIdNumber } from './masking';
import type { MessageContext, RenderedMessage } from './template-input';

/** What a template contributes; the frame adds the greeting, the application's facts and the footer. */
export interface MessageBody {
  subject: string;
  blocks: Block[];
  short: string;
}

/** Wraps a template's body in the one layout every notification shares. */
export function frame(ctx: MessageContext, body: MessageBody): RenderedMessage {
  const subject = `${body.subject} [${ctx.referenceNumber}]`;
  const blocks: Block[] = [
    p(`Yth. Bapak/Ibu ${ctx.applicant.namaLengkap},`),
    ...body.blocks,
    facts([
      ['Nomor permohonan', ctx.referenceNumber],
      ['Layanan', ctx.serviceName],
      ['NIK pemohon', maskIdNumber(ctx.applicant.nik)],
    ]),
    ...(ctx.office.statusUrl ? [p(`Status permohonan dapat dicek di ${ctx.office.statusUrl} dengan nomor permohonan di atas.`)] : []),
    p('Layanan ini gratis (Rp 0). Jangan memberikan uang atau data pribadi kepada pihak yang mengatasnamakan petugas.'),
    p(
      `Pengaduan, saran dan masukan: ${ctx.office.name}, ${ctx.office.address}; telepon ${ctx.office.complaints.telepon}; ` +
        `email ${ctx.office.complaints.email}; SP4N-LAPOR! www.lapor.go.id atau SMS 1708.`,
    ),
    p('Pesan ini dikirim otomatis; mohon tidak membalas e-mail ini.'),
  ];
  return {
    subject,
    text: blocksToText(blocks) + '\n',
    html: blocksToHtml(subject, blocks),
    short: `${body.short} No. ${ctx.referenceNumber}.`,
  };
}
