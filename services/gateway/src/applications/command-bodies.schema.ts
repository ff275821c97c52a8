import { z } from 'zod';
import { DATA_FIELD_MESSAGE, isDataField, KK_TEXT_RULES, MAX_DATA_ISSUES } from '@adminduk/domain';
import { safeText } from '@adminduk/http';
import { contactSchema, newbornSchema } from './submit-application.schema';

/**
 * Bodies of the commands on an existing application: shape and the KK field rules (decision 0011);
 * the domain judges the rest (state, scope, which member a field names) and checks all of it again.
 */
const reason = safeText({ min: 3, max: KK_TEXT_RULES.reason.max, multiline: true });
/** The commands that take no data: an empty object or no body at all; anything else is refused. */
const empty = z.object({}).strict().optional();

export const commandBodies = {
  submitCorrection: z
    .object({
      changes: z.object({ applicant: contactSchema.optional(), newborn: newbornSchema.partial().optional() }).strict().optional(),
    })
    .strict(),
  withdraw: z.object({ reason: reason.optional() }).strict(),
  rejectRequirement: z.object({ reason }).strict(),
  rejectData: z
    .object({
      issues: z
        .array(
          z
            .object({
              field: z
                .string()
                .max(100)
                .refine((f) => isDataField(f), DATA_FIELD_MESSAGE),
              reason,
            })
            .strict(),
        )
        .min(1)
        .max(MAX_DATA_ISSUES),
    })
    .strict(),
  returnAtCounter: z.object({ reason: reason.optional() }).strict(),
  reject: z.object({ reason }).strict(),
  collection: z.object({ collectorNik: z.string().regex(/^\d{16}$/, 'Harus 16 digit angka') }).strict(),
  empty,
};
