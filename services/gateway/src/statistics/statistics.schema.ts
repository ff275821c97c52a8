import { z } from 'zod';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KECAMATAN = /^\d{2}\.\d{2}\.\d{2}$/;

/** Staff dashboard: optionally one kecamatan (admin, auditor); an operator's own kecamatan is implied. */
export const staffStatisticsQuerySchema = z
  .object({ kecamatan: z.string().regex(KECAMATAN, 'Kode kecamatan tidak valid').optional() })
  .strict();
export type StaffStatisticsQuery = z.infer<typeof staffStatisticsQuerySchema>;

/** CSV export: a WIB date range (at most 366 days), default this month. */
export const statisticsCsvQuerySchema = z
  .object({
    kecamatan: z.string().regex(KECAMATAN, 'Kode kecamatan tidak valid').optional(),
    dari: z.string().regex(DAY, 'Tanggal harus berformat YYYY-MM-DD').optional(),
    sampai: z.string().regex(DAY, 'Tanggal harus berformat YYYY-MM-DD').optional(),
  })
  .strict();
export type StatisticsCsvQuery = z.infer<typeof statisticsCsvQuerySchema>;

const workingDays = z.object({
  '0': z.number(),
  '1': z.number(),
  '2': z.number(),
  '3': z.number(),
  '4-5': z.number(),
  '6-10': z.number(),
  '>10': z.number(),
});
const figures = z.object({
  received: z.number().int(),
  completed: z.number().int(),
  completedWithinSla: z.number().int(),
  slaCompliance: z.number().nullable(),
  averageWorkingDays: z.number().nullable(),
  workingDays,
  closedWithoutKk: z.number().int(),
});
const point = z.object({
  period: z.string(),
  received: z.number().int(),
  completed: z.number().int(),
  completedWithinSla: z.number().int(),
});
const ikm = z.object({ period: z.string(), respondents: z.number().int(), ikm: z.number(), grade: z.string() });

export const statisticsSummarySchema = z.object({
  asOf: z.string(),
  today: figures,
  month: figures,
  year: figures,
  byKecamatan: z.array(figures.extend({ kecamatan: z.string(), name: z.string() })),
  byChannel: z.array(figures.extend({ channel: z.string() })),
  perMonth: z.array(point),
  ikmPerMonth: z.array(ikm),
});
export const staffStatisticsSchema = statisticsSummarySchema.extend({
  scope: z.object({ kecamatan: z.string().nullable() }),
  perDay: z.array(point),
  openComplaintsByAge: z.array(z.object({ bucket: z.string(), label: z.string(), count: z.number().int() })).nullable(),
});
