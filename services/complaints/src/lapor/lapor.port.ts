import type { LaporReport, LaporStatusUpdate } from './lapor-record';

/**
 * SP4N-LAPOR as this service needs it: the reports addressed to this office, and the status of each
 * sent back. The real service cannot be reached from here: http-lapor.ts speaks the HTTP contract
 * documented in docs/complaints.md (a stand-in answers it in the tests); the file import/export is
 * the manual way when no API is configured.
 */
export interface LaporPort {
  /** Every report addressed to this office (the import is idempotent, so all of them each time). */
  fetchReports(): Promise<unknown[]>;
  pushStatuses(updates: LaporStatusUpdate[]): Promise<void>;
}

export type { LaporReport, LaporStatusUpdate };
