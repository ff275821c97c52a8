import type { EntityManager } from 'typeorm';
import { IKM_ELEMENT_IDS, type SurveyAnswered } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { periodsOfMonth } from './survey-periods';

interface Totals {
  periodKind: string;
  period: string;
  kecamatan: string;
  serviceType: string;
  respondents: number;
  sums: Record<string, number>;
}

/**
 * Sums the answers of the IKM survey (SurveyAnswered) into survey_results: one row per period kind,
 * period, kecamatan and service. Increments are safe: the checkpoint moves in the same transaction,
 * so an answer is counted once. A batch is summed in memory first, then one upsert.
 */
export class SurveyResultsProjection implements Projection {
  readonly name = 'survey-results';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['survey_results'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const rows = new Map<string, Totals>();
    for (const recorded of events) {
      if (streamCategory(recorded.streamId) !== 'survey' || recorded.type !== 'SurveyAnswered') continue;
      const { data } = toDomainEvent<SurveyAnswered>(recorded);
      for (const [periodKind, period] of Object.entries(periodsOfMonth(data.period))) {
        const key = [periodKind, period, data.kecamatan, data.serviceType].join('|');
        const row = rows.get(key) ?? {
          periodKind,
          period,
          kecamatan: data.kecamatan,
          serviceType: data.serviceType,
          respondents: 0,
          sums: Object.fromEntries(IKM_ELEMENT_IDS.map((id) => [id, 0])),
        };
        row.respondents++;
        for (const id of IKM_ELEMENT_IDS) row.sums[id] += data.scores[id];
        rows.set(key, row);
      }
    }
    if (rows.size === 0) return;
    // Element sums are added key by key in SQL, so concurrent batches never overwrite each other's sums.
    const addSums = IKM_ELEMENT_IDS.map((id) => `'${id}', (r.sums->>'${id}')::int + (excluded.sums->>'${id}')::int`).join(', ');
    await em.query(
      `INSERT INTO survey_results AS r (period_kind, period, kecamatan, service_type, respondents, sums)
       SELECT x.period_kind, x.period, x.kecamatan, x.service_type, x.respondents, x.sums
         FROM jsonb_to_recordset($1::jsonb) AS x(period_kind text, period text, kecamatan text, service_type text, respondents int, sums jsonb)
       ON CONFLICT (period_kind, period, kecamatan, service_type) DO UPDATE
         SET respondents = r.respondents + excluded.respondents, sums = jsonb_build_object(${addSums})`,
      [
        JSON.stringify(
          [...rows.values()].map((r) => ({
            period_kind: r.periodKind,
            period: r.period,
            kecamatan: r.kecamatan,
            service_type: r.serviceType,
            respondents: r.respondents,
            sums: r.sums,
          })),
        ),
      ],
    );
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE survey_results');
  }
}
