import type { SigningFailureView } from './applications';

/** One row of GET /api/signing/queue (services/signing): a verified application not signed yet. Ids and dates only. */
export interface SigningQueueItem {
  applicationId: string;
  kecamatan: string;
  receiptNumber: string | null;
  submittedAt: string;
  verifiedAt: string | null;
  signingFailures: number;
  lastSigningFailure: SigningFailureView | null;
}

/** GET /api/signing/queue: oldest first. */
export interface SigningQueue {
  items: SigningQueueItem[];
}
