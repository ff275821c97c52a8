import type { ComplaintEvent } from '@adminduk/domain';
import { complaintsByIdPrefix, type SqlClient, type TrackedComplaint } from '@adminduk/read-models';
import { idPrefixOf, type ComplaintTrackingCodes } from '@adminduk/self-print-token';

/**
 * The complainant's lookup (docs/complaints.md, "Following a complaint"): the number and the code
 * (libs/self-print-token, complaint-tracking-code.ts). An unknown number and a wrong code get the same
 * answer (the lookup is no oracle).
 */
export async function findTrackedComplaint(
  codes: ComplaintTrackingCodes,
  db: SqlClient,
  trackingNumber: string,
  code: string,
): Promise<TrackedComplaint | undefined> {
  const prefix = idPrefixOf(trackingNumber);
  const rows = prefix ? await complaintsByIdPrefix(db, prefix) : [];
  // The code is computed even when nothing was found, so both refusals cost about the same.
  if (rows.length === 0) codes.matches('00000000-0000-0000-0000-000000000000', code);
  return rows.find((r) => codes.matches(r.complaintId, code));
}

/** One step as the complainant sees it: what happened and when; no staff notes, units or instructions. */
export interface PublicComplaintStep {
  type: string;
  at: string;
  outcome?: string;
}

export function publicStepsOf(events: readonly ComplaintEvent[]): PublicComplaintStep[] {
  return events.map((e) =>
    e.type === 'ComplaintVerified' ? { type: e.type, at: e.data.at, outcome: e.data.outcome } : { type: e.type, at: e.data.at },
  );
}
