import { z } from 'zod';

/** Response shapes of the complaint routes, for the OpenAPI document (the handlers return these). */
const when = z.string().describe('ISO-8601 UTC');
const labels = z.record(z.string());

export const catalogResponse = z.object({
  verificationWorkingDays: z.number().int(),
  kinds: labels,
  categories: labels,
  channels: z.record(z.object({ label: z.string(), group: z.enum(['standar', 'lapor', 'platform']) })),
  tiers: z.record(z.object({ label: z.string(), workingDays: z.number().int() })),
  satisfaction: labels,
  contacts: z.record(z.unknown()),
});

export const publicInfoResponse = catalogResponse.pick({ kinds: true, categories: true, channels: true, contacts: true });

export const complaintSummarySchema = z.object({
  complaintId: z.string().uuid(),
  kind: z.string(),
  category: z.string(),
  channel: z.string(),
  laporTrackingNumber: z.string().nullable(),
  summary: z.string(),
  kecamatan: z.string().nullable(),
  status: z.string(),
  receivedAt: when,
  verifyBy: when.nullable(),
  answerBy: when.nullable(),
  nextDueAt: when.nullable(),
  nextDueStage: z.enum(['verification', 'answer']).nullable(),
  escalations: z.number().int(),
});

export const queueResponse = z.object({ items: z.array(complaintSummarySchema), total: z.number().int(), now: when });

export const detailResponse = complaintSummarySchema.extend({
  description: z.string(),
  applicationId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  tier: z.string().nullable(),
  unit: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  answer: z.string().nullable(),
  satisfaction: z.string().nullable(),
  closedAt: when.nullable(),
  channelReference: z.string().nullable().optional().describe('Petugas pengaduan dan auditor saja'),
  complainant: z
    .object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable()
    .optional()
    .describe('Petugas pengaduan dan auditor saja; null: anonim'),
  trackingNumber: z.string().optional().describe('Petugas pengaduan saja: nomor untuk melacak di /pengaduan/lacak'),
  trackingCode: z.string().optional().describe('Petugas pengaduan saja: kode rahasia untuk pelapor'),
  steps: z.array(z.object({ type: z.string(), at: when }).passthrough()),
  now: when,
});

export const byAgeResponse = z.object({ buckets: z.array(z.object({ bucket: z.string(), label: z.string(), count: z.number().int() })) });

export const laporImportResponse = z.object({
  imported: z.number().int(),
  alreadyPresent: z.number().int(),
  complaintIds: z.array(z.string().uuid()),
  statusesSent: z.number().int().optional(),
});
