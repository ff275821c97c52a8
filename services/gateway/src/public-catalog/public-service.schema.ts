import { z } from 'zod';

/** The public fields of one service's catalog: what the service standard page shows, nothing else. */
export const publicServiceSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  kecamatan: z.string(),
  product: z.string(),
  fee: z.object({ rupiah: z.number().int(), label: z.string().describe('"Rp 0 (GRATIS)" for a free service') }),
  time: z.object({ workingDays: z.number().int(), label: z.string(), condition: z.string().optional() }),
  channels: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      requirements: z.array(z.object({ id: z.string(), label: z.string() })),
      procedure: z.array(z.string()),
    }),
  ),
  collection: z.object({ note: z.string().optional(), selfPrint: z.boolean() }),
  complaints: z.object({ office: z.string(), address: z.string(), telepon: z.string(), email: z.string(), national: z.string() }),
  legalBasis: z.array(z.string()),
  source: z.string(),
  effectiveFrom: z.string(),
});
export type PublicService = z.infer<typeof publicServiceSchema>;

export const publicServiceListSchema = z.array(z.object({ serviceId: z.string(), name: z.string() }));
