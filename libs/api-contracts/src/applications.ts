/**
 * The application routes' answers (services/gateway: GET /api/applications, GET /api/applications/{id})
 * and the read shape of the application view behind them (libs/read-models application_view: the
 * queue, detail and checklist screens and the signing queue), typed here and filled by the
 * projection. Deliberately not the domain's ApplicationState: a change inside the domain changes
 * these only where the projection maps it.
 */

/** Where an application sits in a kecamatan operator's work. */
export type QueueBucket = 'to-verify' | 'awaiting-correction' | 'to-sign' | 'to-print' | 'ready-for-pickup' | 'closed';

/** The status line of the detail view (libs/domain describeStatus). */
export interface StatusView {
  code: string;
  label: string;
  /** A finer label for the step within the status. */
  detail?: string;
  reason?: string;
  correctionDueAt?: string;
}

export interface DocumentView {
  documentId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  at: string;
}

/** One requirement of the checklist: what was presented and what the operator decided. */
export interface RequirementView {
  id: string;
  kind: 'document' | 'data';
  label: string;
  condition?: string;
  applicable: boolean;
  presented: boolean;
  documents: DocumentView[];
  decision: 'pending' | 'accepted' | 'rejected';
  reason?: string;
}

/** The last failed signing attempt, for the penandatangan's queue. */
export interface SigningFailureView {
  reasonCode: string;
  reason: string;
  retryable: boolean;
  at: string;
}

/** One row of GET /api/applications, the caller's list (the operator's queue): no personal data. */
export interface QueueItem {
  applicationId: string;
  kecamatan: string;
  desa: string | null;
  channel: string;
  bucket: QueueBucket;
  status: string;
  statusLabel: string;
  receiptNumber: string | null;
  submittedAt: string;
  slaDueAt: string | null;
  /** The due time counts a day of a year whose holiday list is not published yet: it may still move. */
  slaDueAtProvisional: boolean;
  slaBreached: boolean;
  correctionDueAt: string | null;
  duplicateOf: string | null;
}

/** GET /api/applications/{id}, the detail view: the queue item, its status line and its requirement checklist. */
export interface ApplicationDetail extends Omit<QueueItem, 'status'> {
  status: StatusView;
  requirements: RequirementView[];
}
