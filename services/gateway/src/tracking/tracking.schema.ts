import { z } from 'zod';

/** The public lookup's question: the receipt number and the second factor (birth date, last four NIK digits). */
export const trackingQuerySchema = z.object({
  nomor: z
    .string({ required_error: 'Nomor tanda terima wajib diisi' })
    .trim()
    .min(1, 'Nomor tanda terima wajib diisi')
    .max(60, 'Nomor tanda terima terlalu panjang')
    .regex(/^[A-Za-z0-9-]+$/, 'Nomor tanda terima hanya berisi huruf, angka dan tanda hubung')
    .transform((v) => v.toUpperCase()),
  tanggalLahir: z
    .string({ required_error: 'Tanggal lahir pemohon wajib diisi' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal lahir harus berformat YYYY-MM-DD'),
  nik4: z.string({ required_error: 'Empat angka terakhir NIK wajib diisi' }).regex(/^\d{4}$/, 'Isi empat angka terakhir NIK pemohon'),
});

export type TrackingQuery = z.infer<typeof trackingQuerySchema>;
