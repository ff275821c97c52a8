import { z } from 'zod';

/**
 * Request bodies of the complaint routes: their shape (types, known keys). The rules (catalog codes,
 * lengths, which outcome needs what) are the domain's, checked once in the decider, so both ways in
 * refuse with the same field names and messages.
 */
const text = z.string().max(5000);
const identity = z.object({ name: text.optional(), email: text.optional(), phone: text.optional() }).strict();
const applicationRef = z.object({ applicationId: text.optional(), receiptNumber: text.optional() }).strict();

/** The complaint itself, as the petugas records it from any channel. */
export const recordComplaintBody = z
  .object({
    kind: z.string(),
    category: z.string(),
    channel: z.string(),
    channelReference: text.optional(),
    laporTrackingNumber: text.optional(),
    summary: text,
    description: text,
    kecamatan: text.optional(),
    application: applicationRef.optional(),
    complainant: identity.optional(),
    reportedAt: text.optional(),
  })
  .strict();
export type RecordComplaintBody = z.infer<typeof recordComplaintBody>;

/** The public form: the platform's own channel, identity optional (anonymous allowed). */
export const publicComplaintBody = recordComplaintBody.omit({
  channel: true,
  channelReference: true,
  laporTrackingNumber: true,
  reportedAt: true,
});
export type PublicComplaintBody = z.infer<typeof publicComplaintBody>;

export const verifyBody = z
  .object({
    outcome: z.enum(['valid', 'forwarded', 'needs-information'], {
      errorMap: () => ({ message: 'Pilih salah satu: valid, forwarded, needs-information' }),
    }),
    tier: text.optional(),
    forwardedTo: text.optional(),
    note: text.optional(),
  })
  .strict();
export type VerifyBody = z.infer<typeof verifyBody>;

export const noteBody = z.object({ note: text }).strict();
export const disposeBody = z.object({ unit: text, note: text.optional() }).strict();
export const answerBody = z.object({ answer: text }).strict();
export const closeBody = z.object({ satisfaction: z.string(), note: text.optional() }).strict();
export const reopenBody = z.object({ reason: text }).strict();

/** A LAPOR file's text (JSON lines, docs/complaints.md), as the upload screen reads it from the chosen file. */
export const laporImportBody = z.object({ content: z.string().min(1).max(5_000_000) }).strict();

export const queueQuery = z
  .object({
    kecamatan: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan seperti 35.15.12')
      .optional(),
    category: z.string().max(40).optional(),
    closed: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type QueueQuery = z.infer<typeof queueQuery>;

export const complaintResultSchema = z.object({
  complaintId: z.string().uuid(),
  status: z.string(),
  verifyBy: z.string().optional(),
  answerBy: z.string().optional(),
  events: z.array(z.string()),
  replayed: z.boolean(),
});
