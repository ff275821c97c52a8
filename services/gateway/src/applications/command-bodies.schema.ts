import { z } from 'zod';
import { newbornSchema } from './submit-application.schema';

/** Bodies of the commands on an existing application; shape only, the domain judges the meaning. */
const reason = z.string().trim().min(3).max(500);
const empty = z.object({}).strict();

export const commandBodies = {
  submitCorrection: z
    .object({
      changes: z
        .object({
          applicant: z
            .object({ telepon: z.string().regex(/^(\+62|62|0)8\d{7,12}$/, 'Nomor handphone tidak valid').optional(), email: z.string().email().optional() })
            .strict()
            .optional(),
          newborn: newbornSchema.partial().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  withdraw: z.object({ reason: reason.optional() }).strict(),
  rejectRequirement: z.object({ reason }).strict(),
  rejectData: z
    .object({ issues: z.array(z.object({ field: z.string().min(1).max(100), reason }).strict()).min(1).max(30) })
    .strict(),
  returnAtCounter: z.object({ reason: reason.optional() }).strict(),
  reject: z.object({ reason }).strict(),
  collection: z.object({ collectorNik: z.string().regex(/^\d{16}$/, 'Harus 16 digit angka') }).strict(),
  empty,
};
