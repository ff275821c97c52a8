import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from '@adminduk/observability';
import { StatisticsController } from './statistics.controller';
import { STATISTICS_SETTINGS, StatisticsQuery, type StatisticsSettings } from './statistics.query';

/** Public figures (`GET /api/public/statistik`) and the staff dashboard with its CSV export (`/api/statistik`). */
@Module({})
export class StatisticsModule {
  static forRoot(readModelUrl: string, logger: Logger, now: StatisticsSettings['now'] = () => new Date()): DynamicModule {
    return {
      module: StatisticsModule,
      controllers: [StatisticsController],
      providers: [{ provide: STATISTICS_SETTINGS, useValue: { readModelUrl, logger, now } }, StatisticsQuery],
    };
  }
}
