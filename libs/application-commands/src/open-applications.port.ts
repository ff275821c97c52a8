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
   * Runs one submission (`candidate`: the application it would open) while no other submission for
   * the same mother runs, on any writer replica, handing it her open applications as they are when
   * it starts. If it reports `opened`, the candidate is recorded before the next submission for her
   * starts, so the same newborn submitted twice at the same moment is caught whatever the read
   * model's lag.
   */
  forSubmission<T>(
    candidate: OpenApplicationSummary,
    submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>,
  ): Promise<T>;
}
