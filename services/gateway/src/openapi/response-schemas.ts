import { z } from 'zod';
export { commandResultSchema } from '@adminduk/application-commands';

/**
 * Response shapes of the gateway's routes, for the OpenAPI document (ApiZodResponse). They describe
 * what the handlers return (the query and command result types); the e2e tests check the bodies.
 */
const statusView = z.object({
  code: z.string(),
  label: z.string(),
  detail: z.string().optional(),
  reason: z.string().optional(),
  correctionDueAt: z.string().datetime().optional(),
});

const queueItem = z.object({
  applicationId: z.string().uuid(),
  kecamatan: z.string(),
  desa: z.string().nullable(),
  channel: z.string(),
  bucket: z.enum(['to-verify', 'awaiting-correction', 'to-sign', 'to-print', 'ready-for-pickup', 'closed']),
  status: z.string(),
  statusLabel: z.string(),
  receiptNumber: z.string().nullable(),
  submittedAt: z.string().datetime(),
  slaDueAt: z.string().datetime().nullable(),
  slaDueAtProvisional: z.boolean(),
  slaBreached: z.boolean(),
  correctionDueAt: z.string().datetime().nullable(),
  duplicateOf: z.string().uuid().nullable(),
});
export const queueSchema = z.object({ items: z.array(queueItem) });

const requirementView = z.object({
  id: z.string(),
  kind: z.enum(['document', 'data']),
  label: z.string(),
  condition: z.string().optional(),
  applicable: z.boolean(),
  presented: z.boolean(),
  documents: z.array(
    z.object({ documentId: z.string().uuid(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), at: z.string() }),
  ),
  decision: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.string().optional(),
});
export const applicationDetailSchema = queueItem
  .omit({ status: true })
  .extend({ status: statusView, requirements: z.array(requirementView) });

export const historySchema = z.object({
  chainIntact: z.boolean(),
  chainProblem: z
    .union([
      z.object({ kind: z.enum(['broken-link', 'altered']), revision: z.number().int() }),
      z.object({ kind: z.literal('revision-gap'), expected: z.number().int(), found: z.number().int() }),
    ])
    .nullable()
    .describe('Kejadian pertama yang memutus rantai hash (null bila utuh)'),
  firstBroken: z
    .object({ revision: z.number().int(), eventId: z.string(), mark: z.enum(['altered', 'broken-link']) })
    .nullable()
    .describe('Kejadian pertama yang tidak utuh: revisi dan id kejadiannya (null bila utuh)'),
  entries: z.array(
    z.object({
      revision: z.number().int(),
      eventId: z.string(),
      type: z.string(),
      occurredAt: z.string().datetime(),
      actor: z.object({ userId: z.string(), role: z.string() }).optional(),
      data: z.unknown().optional().describe('Tidak ada bila data pribadinya tersamar'),
      personalData: z
        .enum(['shown', 'masked'])
        .optional()
        .describe('Untuk kejadian yang memuat data pribadi: ditampilkan (auditor, aksesnya dicatat) atau tersamar'),
      hash: z.string(),
      hashStatus: z
        .enum(['ok', 'altered', 'broken-link'])
        .describe('ok; altered: isi kejadian tidak cocok dengan hash-nya; broken-link: tidak tersambung dengan kejadian sebelumnya'),
    }),
  ),
});

export const holidayStatusSchema = z.object({ year: z.number().int(), published: z.boolean(), warning: z.string().nullable() });
export const holidayYearSchema = z.object({
  year: z.number().int(),
  published: z.boolean(),
  source: z.enum(['published', 'shipped', 'fixed-dates']),
  final: z.boolean(),
  decree: z.object({ number: z.string(), date: z.string() }).nullable(),
  corrections: z.number().int(),
  days: z.array(z.object({ date: z.string(), kind: z.string(), name: z.string().nullable() })),
});
export const holidayCommandResultSchema = z.object({
  year: z.number().int(),
  published: z.boolean(),
  corrections: z.number().int(),
  events: z.array(z.string()),
  replayed: z.boolean(),
});

export const trackingAnswerSchema = z.object({
  status: z.string(),
  keterangan: z.string().optional(),
  langkahBerikutnya: z.string(),
});
