import { ApplicationSubmissions1765300000000 } from '../application-submissions/migrations/1765300000000-application-submissions';
import { InitialReadModels1764290000000 } from '../application-view/migrations/1764290000000-initial-read-models';
import { ApplicationViewMotherNik1765100000000 } from '../application-view/migrations/1765100000000-application-view-mother-nik';
import { ApplicationViewNiks1765200000000 } from '../application-view/migrations/1765200000000-application-view-niks';
import { ApplicationViewReadShape1765510000000 } from '../application-view/migrations/1765510000000-application-view-read-shape';
import { ApplicationViewTrackingKey1765800000000 } from '../application-view/migrations/1765800000000-application-view-tracking-key';
import { ComplaintView1766500000000 } from '../complaint-view/migrations/1766500000000-complaint-view';
import { ComplaintViewCamat1766610000000 } from '../complaint-view/migrations/1766610000000-complaint-view-camat';
import { HolidayYearView1765600000000 } from '../holiday-calendar/migrations/1765600000000-holiday-year-view';
import { KkPrintView1765700000000 } from '../print-queue/migrations/1765700000000-kk-print-view';
import { PersonalDataAccess1765923000000 } from '../personal-data-access/migrations/1765923000000-personal-data-access';
import { ProjectionCheckpointVersion1765500000000 } from '../checkpoint/migrations/1765500000000-projection-checkpoint-version';
import { SignedDocumentView1764900000000 } from '../signed-documents/migrations/1764900000000-signed-document-view';
import { SurveyResults1766420000000 } from '../survey-results/migrations/1766420000000-survey-results';
import { Statistics1766300000000 } from '../statistics/migrations/1766300000000-statistics';
import { StatisticsDailyTotal1766710000000 } from '../statistics/migrations/1766710000000-statistics-daily-total';

/** The read models' schema migrations, in order: what `npm run migrate` (libs/migrations) applies. No TypeORM at run time. */
export const READ_MODEL_MIGRATIONS = [
  InitialReadModels1764290000000,
  SignedDocumentView1764900000000,
  ApplicationViewMotherNik1765100000000,
  ApplicationViewNiks1765200000000,
  ApplicationSubmissions1765300000000,
  ProjectionCheckpointVersion1765500000000,
  ApplicationViewReadShape1765510000000,
  HolidayYearView1765600000000,
  KkPrintView1765700000000,
  ApplicationViewTrackingKey1765800000000,
  PersonalDataAccess1765923000000,
  ComplaintView1766500000000,
  ComplaintViewCamat1766610000000,
  SurveyResults1766420000000,
  Statistics1766300000000,
  StatisticsDailyTotal1766710000000,
];
