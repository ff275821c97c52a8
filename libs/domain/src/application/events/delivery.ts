import type { ReprintReason } from '../decide/printing';
import type { Event, StaffRef } from './event';

/** Events of the delivery step: printed at the counter, self-printed through a link, collected. */

/** v2 adds the workstation it was printed at; v1 events (before workstations) are upcast with it null. */
export type KkPrinted = Event<'KkPrinted', { printedBy: StaffRef; workstation: string | null; at: string }, 2>;
/** Printed again (damaged paper, printer fault, misprint, other with a note): its own event, so reprints are counted. */
export type KkReprinted = Event<
  'KkReprinted',
  { reprintedBy: StaffRef; workstation: string; reasonCode: ReprintReason; note?: string; at: string }
>;
/** `documentId`: the signed KK the link opens (absent on links issued before it was recorded). */
export type SelfPrintLinkIssued = Event<'SelfPrintLinkIssued', { linkId: string; documentId?: string; expiresAt: string; at: string }>;
/** One download through the link: the first closes the application as self-printed, later ones are recorded too. */
export type KkSelfPrinted = Event<'KkSelfPrinted', { linkId: string; downloadId?: string; documentId?: string; at: string }>;
export type KkCollected = Event<
  'KkCollected',
  { collectorNik: string; collectorIs: 'applicant' | 'family-member'; handedOverBy: StaffRef; at: string }
>;
