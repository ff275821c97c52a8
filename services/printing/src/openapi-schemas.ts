import { z } from 'zod';

/** Response shapes of the printing service's JSON routes, for the OpenAPI document (ApiZodResponse). */
const page = { page: z.number().int(), pageSize: z.number().int(), total: z.number().int() };

export const printQueueSchema = z.object({
  ...page,
  items: z.array(
    z.object({
      applicationId: z.string().uuid(),
      receiptNumber: z.string().nullable(),
      channel: z.string(),
      newbornName: z.string().nullable(),
      submittedAt: z.string().datetime(),
      slaDueAt: z.string().datetime().nullable(),
      slaDueProvisional: z.boolean(),
    }),
  ),
});

export const printCountsSchema = z.object({
  ...page,
  items: z.array(
    z.object({
      applicationId: z.string().uuid(),
      kecamatan: z.string(),
      receiptNumber: z.string().nullable(),
      prints: z.number().int(),
      reprints: z.number().int(),
      reprintReasons: z.record(z.number().int()),
      firstPrintedAt: z.string().datetime(),
      lastPrintedAt: z.string().datetime(),
      lastPrintedBy: z.string(),
      lastWorkstation: z.string().nullable(),
    }),
  ),
});
