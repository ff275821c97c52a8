import { z } from 'zod';

/** A calendar day in WIB, "2026-12-01"; the period's ends are whole WIB days. */
const wibDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');

const period = {
  from: wibDay.optional().describe('Hari pertama (WIB), termasuk'),
  to: wibDay.optional().describe('Hari terakhir (WIB), termasuk'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

/** GET /api/audit/personal-data-access: who viewed personal data, filtered by viewer, application and period. */
export const accessLogQuerySchema = z
  .object({
    viewer: z.string().min(1).max(100).optional().describe('Id pengguna petugas yang membuka data'),
    applicationId: z.string().uuid('Harus berupa UUID').optional(),
    ...period,
  })
  .strict();
export type AccessLogQuery = z.infer<typeof accessLogQuerySchema>;

/** POST /api/audit/personal-data-access/by-nik: the NIK travels in the body, never in a URL (logs). */
export const accessByNikSchema = z
  .object({
    nik: z.string().regex(/^\d{16}$/, 'Harus 16 digit angka'),
    ...period,
  })
  .strict();
export type AccessByNik = z.infer<typeof accessByNikSchema>;

export const personalDataAccessSchema = z.object({
  records: z.array(
    z.object({
      eventId: z.string(),
      applicationId: z.string().uuid(),
      viewedAt: z.string().datetime(),
      viewer: z.object({ userId: z.string(), role: z.string(), kecamatan: z.string().optional(), desa: z.string().optional() }),
      view: z.object({ kind: z.string(), documentId: z.string().optional() }),
    }),
  ),
  more: z.boolean().describe('Masih ada catatan lain di luar batas (persempit filter)'),
});
