import { z } from 'zod';
import { CORRECTION_REASON_MAX, DECREE_NUMBER_MAX, HOLIDAY_KINDS, HOLIDAY_NAME_MAX, MAX_HOLIDAY_DAYS } from '@adminduk/domain';
import { safeText } from '@adminduk/http';

/**
 * Bodies of the holiday-calendar commands: the SKB 3 Menteri list as JSON. The shape is checked here;
 * the domain checks the rest (every date inside the year, no date twice) and all of this again.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Harus tanggal berformat YYYY-MM-DD');

export const holidayDaySchema = z
  .object({
    date: isoDate,
    kind: z.enum(HOLIDAY_KINDS, { errorMap: () => ({ message: `Jenis harus salah satu dari: ${HOLIDAY_KINDS.join(', ')}` }) }),
    name: safeText({ min: 3, max: HOLIDAY_NAME_MAX }),
  })
  .strict();

export const decreeSchema = z.object({ number: safeText({ min: 1, max: DECREE_NUMBER_MAX }), date: isoDate }).strict();

export const publishHolidayYearSchema = z
  .object({ decree: decreeSchema, days: z.array(holidayDaySchema).min(1).max(MAX_HOLIDAY_DAYS) })
  .strict();

export const correctHolidayYearSchema = publishHolidayYearSchema
  .extend({ reason: safeText({ min: 3, max: CORRECTION_REASON_MAX, multiline: true }) })
  .strict();

export type PublishHolidayYearBody = z.infer<typeof publishHolidayYearSchema>;
export type CorrectHolidayYearBody = z.infer<typeof correctHolidayYearSchema>;
