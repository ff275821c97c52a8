import type { ApplicationState } from '@adminduk/domain';
import type { QueueBucket } from './application-view.shape';

/** Which operator queue an application belongs in, from its folded state. */
export function queueBucket(s: ApplicationState): QueueBucket {
  // A revoked KK is not printed or handed over: nothing is left for an operator to do.
  if (s.revokedAt) return 'closed';
  switch (s.status) {
    case 'submitted':
      return 'to-verify';
    case 'correction-requested':
      return 'awaiting-correction';
    case 'awaiting-signature':
      return 'to-sign';
    case 'signed':
      return s.printedAt ? 'ready-for-pickup' : 'to-print';
    default:
      return 'closed';
  }
}
