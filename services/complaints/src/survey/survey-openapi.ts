import { IKM_ELEMENT_IDS, SURVEY_SARAN_MAX } from '@adminduk/domain';
import { z } from 'zod';

export const surveyPageSchema = z.object({
  kecamatan: z.string().describe('Kode kecamatan tempat layanan'),
  serviceName: z.string(),
  expiresAt: z.string().describe('Batas waktu pengisian (ISO-8601, UTC)'),
});

const score = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const surveyAnswerSchema = z.object({
  scores: z
    .object(Object.fromEntries(IKM_ELEMENT_IDS.map((id) => [id, score])) as Record<string, typeof score>)
    .describe('Nilai 1-4 untuk sembilan unsur'),
  saran: z.string().max(SURVEY_SARAN_MAX).optional(),
});

export const surveyAnsweredSchema = z.object({ status: z.literal('answered') });

const elementValues = z.object(Object.fromEntries(IKM_ELEMENT_IDS.map((id) => [id, z.number()])) as Record<string, z.ZodNumber>);
export const surveyResultsSchema = z.object({
  kind: z.enum(['month', 'quarter', 'year']),
  rows: z.array(
    z.object({
      period: z.string(),
      kecamatan: z.string().nullable(),
      respondents: z.number().int(),
      elementAverages: elementValues,
      intervalValue: z.number(),
      ikm: z.number(),
      grade: z.enum(['A', 'B', 'C', 'D']),
    }),
  ),
});
