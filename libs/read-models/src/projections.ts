import { ApplicationViewProjection } from './application-view/application-view.projection';
import type { Projection } from './checkpoint/apply-in-transaction';
import { SignedDocumentsProjection } from './signed-documents/signed-documents.projection';
import { HolidayCalendarProjection } from './holiday-calendar/holiday-calendar.projection';
import { KkPrintProjection } from './print-queue/kk-print.projection';
import { PersonalDataAccessProjection } from './personal-data-access/personal-data-access.projection';
import { ComplaintViewProjection } from './complaint-view/complaint-view.projection';
import { SurveyResultsProjection } from './survey-results/survey-results.projection';
import { StatisticsProjection } from './statistics/statistics.projection';

/** Every read model's projection, as the projections service runs them (each with its own checkpoint). */
export function allProjections(): Projection[] {
  // The holiday calendar first: in one batch the application view uses the lists it just stored.
  return [
    new HolidayCalendarProjection(),
    new ApplicationViewProjection(),
    new SignedDocumentsProjection(),
    new KkPrintProjection(),
    new PersonalDataAccessProjection(),
    new ComplaintViewProjection(),
    new SurveyResultsProjection(),
    new StatisticsProjection(),
  ];
}
