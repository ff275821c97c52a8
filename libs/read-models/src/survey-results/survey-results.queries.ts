import { IKM_ELEMENT_IDS, ikmOf, isSurveyPeriod, type IkmElementId, type IkmResult, type SurveyPeriodKind } from '@adminduk/domain';
import type { SqlClient } from '../sql-client';

export interface IkmQuery {
  kind: SurveyPeriodKind;
  /** Inclusive bounds, as periods of `kind` ("2026-01".."2026-06"); their text order is the calendar's. */
  from?: string;
  to?: string;
  /** One kecamatan; without it every kecamatan's answers are summed (the regency's figure). */
  kecamatan?: string;
  /** One service; without it every service's answers are summed. */
  serviceType?: string;
  /** One row per period and kecamatan instead of one per period. */
  perKecamatan?: boolean;
}

export interface IkmPeriodResult extends IkmResult {
  period: string;
  /** The kecamatan of the row: with `perKecamatan` or a `kecamatan` filter; otherwise null (all of them). */
  kecamatan: string | null;
}

/**
 * The IKM per period (and per kecamatan when asked) from the survey totals: the element sums and
 * respondents are added over the rows that match, then ikmOf computes averages, IKM and grade. Reads
 * at most periods x kecamatan x services rows, however many answers there were. Periods without a
 * respondent are absent (no figure rather than a made-up one).
 */
export async function ikmByPeriod(db: SqlClient, q: IkmQuery): Promise<IkmPeriodResult[]> {
  for (const bound of [q.from, q.to])
    if (bound !== undefined && !isSurveyPeriod(q.kind, bound)) throw new RangeError(`not a ${q.kind}: ${bound}`);
  const params: unknown[] = [q.kind];
  const where = ['period_kind = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.from) add('period >= ?', q.from);
  if (q.to) add('period <= ?', q.to);
  if (q.kecamatan) add('kecamatan = ?', q.kecamatan);
  if (q.serviceType) add('service_type = ?', q.serviceType);
  const byKecamatan = q.perKecamatan || q.kecamatan !== undefined;
  const groupBy = byKecamatan ? 'period, kecamatan' : 'period';
  const sums = IKM_ELEMENT_IDS.map((id, i) => `sum((sums->>'${id}')::int)::int AS s${i}`).join(', ');
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT period, ${byKecamatan ? 'kecamatan' : 'NULL::text AS kecamatan'}, sum(respondents)::int AS respondents, ${sums}
       FROM survey_results WHERE ${where.join(' AND ')}
      GROUP BY ${groupBy} ORDER BY ${groupBy}`,
    params,
  );
  return rows.flatMap((r) => {
    const totals = {
      respondents: Number(r.respondents),
      sums: Object.fromEntries(IKM_ELEMENT_IDS.map((id, i) => [id, Number(r[`s${i}`])])) as Record<IkmElementId, number>,
    };
    const result = ikmOf(totals);
    return result ? [{ period: String(r.period), kecamatan: (r.kecamatan as string | null) ?? null, ...result }] : [];
  });
}
