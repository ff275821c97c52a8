import { z } from 'zod';

/** Response shapes of the signing service's routes, for the OpenAPI document (ApiZodResponse). */
export const signingQueueSchema = z.object({
  items: z.array(
    z.object({
      applicationId: z.string().uuid(),
      kecamatan: z.string(),
      receiptNumber: z.string().nullable(),
      submittedAt: z.string().datetime(),
      verifiedAt: z.string().datetime().nullable(),
      signingFailures: z.number().int(),
      lastSigningFailure: z.object({ reasonCode: z.string(), reason: z.string(), retryable: z.boolean(), at: z.string() }).nullable(),
    }),
  ),
});

export const signBatchResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({ applicationId: z.string(), outcome: z.enum(['signed', 'already-signed']), documentId: z.string(), sha256: z.string() }),
      z.object({ applicationId: z.string(), outcome: z.literal('failed'), code: z.string(), retryable: z.boolean(), reason: z.string() }),
      z.object({ applicationId: z.string(), outcome: z.literal('not-attempted'), code: z.string(), reason: z.string() }),
    ]),
  ),
});

export const publicDocumentStatusSchema = z.object({
  documentId: z.string(),
  status: z.string().describe('valid, superseded, revoked atau unknown'),
  keterangan: z.string(),
  jenisDokumen: z.literal('Kartu Keluarga'),
  dikeluarkanTanggal: z.string().nullable(),
  namaKepalaKeluarga: z.string().nullable().describe('Disamarkan'),
  ditandatanganiOleh: z.string().nullable(),
  sertifikat: z.object({ serial: z.string() }).nullable(),
  ditandatanganiPada: z.string().nullable(),
  digantiOleh: z.object({ dikeluarkanTanggal: z.string() }).nullable(),
  sha256: z.string().nullable(),
});

export const uploadVerdictSchema = z.object({
  sah: z.boolean(),
  terdaftar: z.boolean(),
  berlaku: z.boolean(),
  keterangan: z.string(),
  masalah: z.array(z.string()),
  pemeriksaan: z.record(z.unknown()),
  penandatangan: z.object({ namaUmum: z.string(), serialSertifikat: z.string(), penerbit: z.string() }).nullable(),
  waktuTandaTangan: z.string().nullable(),
  sha256: z.string(),
  dokumen: publicDocumentStatusSchema.nullable(),
});
