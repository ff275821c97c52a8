import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  fixedDateHolidays,
  holidayYearStatus,
  indexHolidays,
  indonesianHolidays,
  wibParts,
  type HolidayYearStatus,
} from '@adminduk/calendar';
import { loadHolidayYear } from '@adminduk/application-commands';
import type { HolidayDecree } from '@adminduk/domain';
import type { Logger } from '@adminduk/observability';
import { GATEWAY_LOGGER } from '../applications/applications.query';
import { GatewayEventStore } from '../applications/gateway-event-store';

/** Where a year's list comes from: its published stream, the file shipped with the platform, or only the fixed dates. */
export type HolidayYearSource = 'published' | 'shipped' | 'fixed-dates';

export interface HolidayYearView {
  year: number;
  /** True for a published year and for the shipped years (2025, 2026), which count as published. */
  published: boolean;
  source: HolidayYearSource;
  /** False only for 'fixed-dates': due times in that year may still move. */
  final: boolean;
  decree: HolidayDecree | null;
  corrections: number;
  days: { date: string; kind: string; name: string | null }[];
}

const SHIPPED = indexHolidays(indonesianHolidays);
const SHIPPED_YEARS = new Set(SHIPPED.coveredYears);

/** The holiday calendar read from its streams (the source of truth; a year's stream is a few events). */
@Injectable()
export class HolidaysQuery implements OnApplicationBootstrap {
  constructor(
    // The gateway's one event-store connection (its readiness check included).
    private readonly store: GatewayEventStore,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Once the store is there: a warning line when the year that matters now has no list (never a failure). */
  onApplicationBootstrap(): void {
    void this.store
      .whenUp()
      .then(() => this.status())
      .then((s) => {
        if (s.warning) this.logger.warn({ year: s.year }, 'holiday list not published: SLA due times in that year are provisional');
      })
      .catch(() => undefined);
  }

  async year(year: number): Promise<HolidayYearView> {
    // current(): a 503 while the store is down, as every read of the gateway.
    const state = await loadHolidayYear(await this.store.get(), year);
    if (state.published) {
      return {
        year,
        published: true,
        source: 'published',
        final: true,
        decree: state.decree ?? null,
        corrections: state.corrections,
        days: state.days,
      };
    }
    if (SHIPPED_YEARS.has(year)) {
      const days = indonesianHolidays.days
        .filter((d) => d.date.startsWith(`${year}-`))
        .map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }));
      return { year, published: true, source: 'shipped', final: true, decree: null, corrections: 0, days };
    }
    const days = fixedDateHolidays(year).map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }));
    return { year, published: false, source: 'fixed-dates', final: false, decree: null, corrections: 0, days };
  }

  /** This year's or, from 1 October WIB, next year's: published or not, and the admin warning. */
  async status(now = new Date()): Promise<HolidayYearStatus> {
    const thisYear = wibParts(now).year;
    const covered = new Set<number>();
    for (const y of [thisYear, thisYear + 1]) if ((await this.year(y)).published) covered.add(y);
    return holidayYearStatus(now, (y) => covered.has(y));
  }
}
