import { REPRINT_REASONS, WORKSTATION_PATTERN } from '@adminduk/domain';
import { safeText } from '@adminduk/http';
import { z } from 'zod';

const workstation = z.string().regex(WORKSTATION_PATTERN, 'Nama komputer/loket: huruf, angka, titik, - atau _ (paling banyak 64 karakter)');
const reasonCodes = Object.keys(REPRINT_REASONS) as [keyof typeof REPRINT_REASONS, ...Array<keyof typeof REPRINT_REASONS>];

/** POST .../print: the workstation the KK was printed at. */
export const printBody = z.object({ workstation }).strict();

/** POST .../reprint: why it is printed again (the fixed list); a note is required for "lainnya" (the domain says so). */
export const reprintBody = z
  .object({
    workstation,
    reasonCode: z.enum(reasonCodes, { errorMap: () => ({ message: `Pilih salah satu: ${reasonCodes.join(', ')}` }) }),
    note: safeText({ min: 3, max: 300, multiline: false }).optional(),
  })
  .strict();

export type PrintBody = z.infer<typeof printBody>;
export type ReprintBody = z.infer<typeof reprintBody>;
