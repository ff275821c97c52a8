import type { ApplicationDetail, QueueItem, RequirementView } from '@adminduk/api-contracts';

/** GET /api/applications/{id} with its requirement checklist, as the gateway declares it (libs/api-contracts). */
export type { ApplicationDetail, RequirementView };

/** GET /api/applications: what the caller's list shows of each row. */
export type ApplicationRow = Pick<
  QueueItem,
  'applicationId' | 'desa' | 'channel' | 'statusLabel' | 'receiptNumber' | 'submittedAt' | 'correctionDueAt'
>;

/** The document requirements still without a scan (or whose scan was refused): what the applicant must upload. */
export function scansToUpload(a: ApplicationDetail): RequirementView[] {
  return a.requirements.filter((r) => r.applicable && r.kind === 'document' && (!r.presented || r.decision === 'rejected'));
}
