import { z } from 'zod';

/** CommandResult (application-commands.ts) as a schema: the OpenAPI response of every application command route. */
export const commandResultSchema = z.object({
  applicationId: z.string().uuid(),
  status: z.object({
    code: z.string(),
    label: z.string(),
    detail: z.string().optional(),
    reason: z.string().optional(),
    correctionDueAt: z.string().datetime().optional(),
  }),
  receiptNumber: z.string().optional(),
  duplicateOf: z.string().uuid().optional(),
  events: z.array(z.string()).describe('Jenis kejadian yang dihasilkan perintah ini'),
  replayed: z.boolean().describe('true bila Idempotency-Key yang sama sudah diproses (hasil pertama dikembalikan)'),
});
