import { z } from 'zod';

/** GET /api/public/wilayah: every kecamatan and desa/kelurahan of the covered regency, code and name. */
export const publicWilayahSchema = z.object({
  kecamatan: z.array(z.object({ kode: z.string().describe('mis. 35.15.12'), nama: z.string() })),
  desa: z.array(
    z.object({
      kode: z.string().describe('mis. 35.15.12.2001'),
      nama: z.string(),
      kecamatan: z.string().describe('kode kecamatan induknya'),
      jenis: z.enum(['desa', 'kelurahan']),
      dihapus: z.literal(true).optional().describe('kode lama yang sudah tidak berlaku (permohonan lama masih memakainya)'),
    }),
  ),
});
export type PublicWilayah = z.infer<typeof publicWilayahSchema>;
