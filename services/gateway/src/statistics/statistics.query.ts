import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { createPool } from '@adminduk/event-store';
import { DAY_MS, formatWibDay, wibDayOf, wibParts } from '@adminduk/calendar';
import { ApiError } from '@adminduk/http';
import {
  ikmByPeriod,
  openComplaintsByAge,
  type ComplaintAgeCount,
  statisticsDailyRows,
  statisticsPerDay,
  statisticsPerMonth,
  statisticsSummary,
  type StatisticsCellRow,
  type StatisticsScope,
  type StatisticsSeriesPoint,
  type StatisticsSummary,
} from '@adminduk/read-models';

export const STATISTICS_SETTINGS = Symbol('STATISTICS_SETTINGS');
export interface StatisticsSettings {
  readModelUrl: string;
  /** The moment "today" is taken from (tests pin it). */
  now: () => Date;
}

export interface IkmPoint {
  period: string;
  respondents: number;
  ikm: number;
  grade: string;
}

/** The public figures: counts, SLA compliance and IKM, no personal data (there is none in the counters). */
export interface PublicStatistics extends StatisticsSummary {
  perMonth: StatisticsSeriesPoint[];
  ikmPerMonth: IkmPoint[];
}

export interface StaffStatistics extends PublicStatistics {
  scope: { kecamatan: string | null };
  /** The last 30 WIB days, today included. */
  perDay: StatisticsSeriesPoint[];
  /**
   * Open complaints by age, regency-wide: null for an operator, since a count per kecamatan would
   * tell the accused kecamatan that a pungli report about it exists (complaints never show it to them).
   */
  openComplaintsByAge: ComplaintAgeCount[] | null;
}

/**
 * The statistics read through the read models' query modules, with a small pool of its own. A read
 * that fails is left to the one exception filter: the database down is 503 DEPENDENCY_UNAVAILABLE
 * with Retry-After, anything else a logged 500.
 */
@Injectable()
export class StatisticsQuery implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(STATISTICS_SETTINGS) private readonly settings: StatisticsSettings) {
    this.pool = createPool({ connectionString: settings.readModelUrl, max: 4 });
  }

  publicFigures(): Promise<PublicStatistics> {
    return this.figures('regency');
  }

  /** `regencyWide`: the caller may see every kecamatan (admin, auditor, penandatangan), not an operator. */
  async staffFigures(scope: StatisticsScope, regencyWide: boolean): Promise<StaffStatistics> {
    const now = this.settings.now();
    const today = wibDayOf(now);
    const [figures, perDay, complaints] = await Promise.all([
      this.figures(scope),
      statisticsPerDay(this.pool, scope, formatWibDay(today - 29), formatWibDay(today)),
      regencyWide ? openComplaintsByAge(this.pool, now, scope === 'regency' ? {} : { kecamatan: scope.kecamatan }) : null,
    ]);
    return { ...figures, scope: { kecamatan: scope === 'regency' ? null : scope.kecamatan }, perDay, openComplaintsByAge: complaints };
  }

  /** The day rows of the CSV export; `from`/`to` default to this WIB month. */
  async dailyRows(
    scope: StatisticsScope,
    from: string | undefined,
    to: string | undefined,
  ): Promise<{ from: string; to: string; rows: StatisticsCellRow[] }> {
    const now = this.settings.now();
    const p = wibParts(now);
    const first = `${p.year}-${String(p.month).padStart(2, '0')}-01`;
    const range = { from: from ?? first, to: to ?? formatWibDay(wibDayOf(now)) };
    const span = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS;
    if (!Number.isFinite(span) || span < 0 || span > 365) {
      throw ApiError.badRequest('Rentang tanggal tidak valid', [
        { field: 'sampai', message: 'Tanggal akhir harus sama dengan atau setelah tanggal awal, paling lama 366 hari' },
      ]);
    }
    return { ...range, rows: await statisticsDailyRows(this.pool, scope, range.from, range.to) };
  }

  private async figures(scope: StatisticsScope): Promise<PublicStatistics> {
    const now = this.settings.now();
    const year = wibParts(now).year;
    const [summary, perMonth, ikm] = await Promise.all([
      statisticsSummary(this.pool, scope, now),
      statisticsPerMonth(this.pool, scope, year),
      ikmByPeriod(this.pool, {
        kind: 'month',
        from: `${year}-01`,
        to: `${year}-12`,
        ...(scope === 'regency' ? {} : { kecamatan: scope.kecamatan }),
      }),
    ]);
    const ikmPerMonth = ikm.map((r) => ({ period: r.period, respondents: r.respondents, ikm: r.ikm, grade: r.grade }));
    return { ...summary, perMonth, ikmPerMonth };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
