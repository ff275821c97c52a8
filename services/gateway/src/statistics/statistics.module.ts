import { Module, type DynamicModule } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { STATISTICS_SETTINGS, StatisticsQuery, type StatisticsSettings } from './statistics.query';

/** Public figures (`GET /api/public/statistik`) and the staff dashboard with its CSV export (`/api/statistik`). */
@Module({})
export class StatisticsModule {
  static forRoot(readModelUrl: string, now: StatisticsSettings['now'] = () => new Date()): DynamicModule {
    return {
      module: StatisticsModule,
      controllers: [StatisticsController],
      providers: [{ provide: STATISTICS_SETTINGS, useValue: { readModelUrl, now } }, StatisticsQuery],
    };
  }
}
