import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApplicationViewSnapshot } from './application-view/application-view-snapshot.entity';
import { ApplicationView } from './application-view/application-view.entity';
import { ComplaintView } from './complaint-view/complaint-view.entity';
import { HolidayYearView } from './holiday-calendar/holiday-year-view.entity';
import { KkPrintView } from './print-queue/kk-print-view.entity';
import { PersonalDataAccess, PersonalDataSubjects } from './personal-data-access/personal-data-access.entity';
import { ProjectionCheckpoint } from './checkpoint/projection-checkpoint.entity';
import { SignedDocumentView } from './signed-documents/signed-document-view.entity';
import { SurveyResults } from './survey-results/survey-results.entity';
import { StatisticsApplication, StatisticsDaily, StatisticsDailyTotal, StatisticsMonthly } from './statistics/statistics-counters.entity';

// The migrations have their own entry (@adminduk/read-models/migrations), without the entities.
export { READ_MODEL_MIGRATIONS } from './entries/migrations';

export const READ_MODEL_ENTITIES = [
  ProjectionCheckpoint,
  ApplicationView,
  ApplicationViewSnapshot,
  SignedDocumentView,
  HolidayYearView,
  KkPrintView,
  PersonalDataAccess,
  PersonalDataSubjects,
  ComplaintView,
  SurveyResults,
  StatisticsDaily,
  StatisticsMonthly,
  StatisticsDailyTotal,
  StatisticsApplication,
];

/**
 * TypeORM options for the read-model database. The schema is never changed on connect (no
 * `migrationsRun`, no `synchronize`): `npm run migrate` (libs/migrations) applies READ_MODEL_MIGRATIONS.
 */
export function readModelDataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: 10 },
    ...extra,
  } as DataSourceOptions;
}

export function createReadModelDataSource(url: string, extra: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(readModelDataSourceOptions(url, extra));
}
