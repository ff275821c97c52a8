import { z } from 'zod';
import { submitApplicationSchema } from './submit-application.schema';

/**
 * Response shapes of the submitted-data and access-log routes (OpenAPI response schemas). The
 * applicant, family and newborn are described by the very schemas that validated the submission.
 */
const staffRef = z.object({ userId: z.string(), role: z.string() });

export const scanSchema = z.object({
  requirementId: z.string(),
  requirementLabel: z.string(),
  documentId: z.string().uuid(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string().datetime(),
  /** The documents service's download route (same origin); `?preview=1` shows it inline. */
  href: z.string(),
});

export const applicationDataSchema = z.object({
  applicationId: z.string().uuid(),
  status: z.string(),
  channel: z.string(),
  kecamatan: z.string(),
  desa: z.string().nullable(),
  submittedAt: z.string().datetime(),
  submittedBy: staffRef,
  applicant: submitApplicationSchema.shape.applicant,
  family: submitApplicationSchema.shape.family,
  newborn: submitApplicationSchema.shape.newborn,
  /** The newborn's NIK once the registry assigned it. */
  newbornNik: z.string().nullable(),
  memilikiIjazah: z.boolean(),
  dataVerification: z.object({
    decision: z.enum(['pending', 'accepted', 'rejected']),
    issues: z.array(z.object({ field: z.string(), reason: z.string() })),
  }),
  scans: z.array(scanSchema),
});
export type ApplicationData = z.infer<typeof applicationDataSchema>;

export const accessRecordSchema = z.object({
  at: z.string().datetime(),
  viewer: z.object({ userId: z.string(), role: z.string(), kecamatan: z.string().optional(), desa: z.string().optional() }),
  view: z.union([
    z.object({ kind: z.literal('data') }).describe('Data permohonan'),
    z
      .object({ kind: z.literal('scan'), documentId: z.string().uuid(), disposition: z.enum(['attachment', 'inline']) })
      .describe('Pindaian persyaratan'),
    z.object({ kind: z.literal('kk-preview') }).describe('Pratinjau KK sebelum TTE'),
    z.object({ kind: z.literal('signed-kk'), documentId: z.string() }).describe('KK bertanda tangan untuk dicetak'),
    z.object({ kind: z.literal('receipt') }).describe('Tanda terima berkas loket'),
    z.object({ kind: z.literal('history') }).describe('Riwayat permohonan beserta data pribadinya (auditor)'),
    z.object({ kind: z.literal('export') }).describe('Ekspor bundel audit bertanda tangan (auditor, adminduk export)'),
  ]),
});
export const accessLogSchema = z.object({ applicationId: z.string().uuid(), records: z.array(accessRecordSchema) });
