import type { OpenApplicationSummary } from '@adminduk/domain';

/** What one submission reports back: its answer, and whether it left a new open application. */
export interface SubmissionOutcome<T> {
  result: T;
  /** False when nothing new is open (refused, a replay, or returned at the counter at once). */
  opened: boolean;
}

/** The open applications of one mother, for the duplicate check of a submission. */
export interface OpenApplicationsQuery {
  /**
   * Runs one submission (`candidate`: the application it would open), handing it the mother's open
   * applications as they are when it starts. Checks for one mother are serialised across every
   * writer replica and each records its candidate before the next one reads, so the same newborn
   * submitted twice at the same moment is caught whatever the read model's lag; a candidate whose
   * submission opens nothing stops counting once it has run.
   */
  forSubmission<T>(
    candidate: OpenApplicationSummary,
    submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>,
  ): Promise<T>;
}
