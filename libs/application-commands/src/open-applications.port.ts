import type { OpenApplicationSummary } from '@adminduk/domain';

/** What one submission reports back: its answer, and the application to record as open (if it is). */
export interface SubmissionOutcome<T> {
  result: T;
  submitted?: OpenApplicationSummary;
}

/** The open applications of one mother, for the duplicate check of a submission. */
export interface OpenApplicationsQuery {
  /**
   * Runs one submission for this mother while no other submission for her runs (on any writer
   * replica), handing it her open applications as they are when it starts. The application it
   * reports as submitted is recorded before the next submission for her starts, so the same newborn
   * submitted twice at the same moment is caught whatever the read model's lag.
   */
  forSubmission<T>(motherNik: string, submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>): Promise<T>;
}
