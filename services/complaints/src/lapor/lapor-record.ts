import { z } from 'zod';
import type { ReceiveComplaintData } from '@adminduk/domain';

/**
 * One SP4N-LAPOR report as this platform reads it, from the file format (one JSON object per line,
 * docs/complaints.md) and from the LAPOR API adapter alike. The report's own channel inside LAPOR
 * (web, SMS 1708, Twitter/X, app) becomes the complaint's channel; its tracking number is kept and
 * names the complaint (a re-import finds it).
 */
export const laporReportSchema = z
  .object({
    trackingNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'Nomor pelacakan LAPOR: 4-40 huruf, angka atau -'),
    channel: z.enum(['web', 'sms-1708', 'twitter', 'aplikasi'], {
      errorMap: () => ({ message: 'Pilih salah satu: web, sms-1708, twitter, aplikasi' }),
    }),
    submittedAt: z.string().datetime({ offset: true, message: 'Tanggal ISO-8601 dengan zona waktu' }),
    kind: z.enum(['pengaduan', 'saran', 'apresiasi']).default('pengaduan'),
    category: z.string().max(40).default('lainnya'),
    title: z.string().max(5000),
    content: z.string().max(5000),
    kecamatan: z.string().max(20).optional(),
    applicationReceipt: z.string().max(64).optional(),
    reporter: z
      .object({ name: z.string().max(5000).optional(), email: z.string().max(5000).optional(), phone: z.string().max(5000).optional() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type LaporReport = z.infer<typeof laporReportSchema>;

const CHANNELS: Record<LaporReport['channel'], string> = {
  web: 'lapor-web',
  'sms-1708': 'lapor-sms-1708',
  twitter: 'lapor-twitter',
  aplikasi: 'lapor-aplikasi',
};

/** The complaint a LAPOR report becomes (the decider checks the rest: category codes, lengths, kecamatan). */
export function complaintOfReport(r: LaporReport, complaintId: string): ReceiveComplaintData {
  return {
    complaintId,
    kind: r.kind,
    category: r.category,
    channel: CHANNELS[r.channel],
    laporTrackingNumber: r.trackingNumber,
    channelReference: r.trackingNumber,
    summary: r.title,
    description: r.content,
    reportedAt: r.submittedAt,
    ...(r.kecamatan ? { kecamatan: r.kecamatan } : {}),
    ...(r.applicationReceipt ? { application: { receiptNumber: r.applicationReceipt } } : {}),
    ...(r.reporter ? { complainant: r.reporter } : {}),
  };
}

/** The status LAPOR is told, from the complaint's (docs/complaints.md, export). */
export const LAPOR_STATUS: Record<string, string> = {
  received: 'belum-terverifikasi',
  'needs-information': 'menunggu-informasi',
  verified: 'diproses',
  disposed: 'diproses',
  forwarded: 'diteruskan',
  answered: 'ditanggapi',
  closed: 'selesai',
};

/** One line of the status export and one item of the API's status push. */
export interface LaporStatusUpdate {
  trackingNumber: string;
  status: string;
  updatedAt: string;
  answer?: string;
  forwardedTo?: string;
}
