import type { SurveyPeriodKind } from '@adminduk/domain';

/** The month, quarter and year of a WIB month "2026-03" (the period a SurveyAnswered carries). */
export function periodsOfMonth(month: string): Record<SurveyPeriodKind, string> {
  const [year, m] = month.split('-');
  return { month, quarter: `${year}-Q${Math.ceil(Number(m) / 3)}`, year };
}
