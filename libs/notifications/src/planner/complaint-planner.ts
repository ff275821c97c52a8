import { COMPLAINT_CATALOG, type ComplaintEvent } from '@adminduk/domain';
import { sendKey, type SendIdentity } from '../send-key';
import type { ComplaintTemplateInput } from '../templates/complaint-templates';
import type { ServiceOffice } from '../templates/service-office';
import type { PlannedSend } from './notification-planner';

/** The complaint events the complainant is told of; every other one is skipped unread. */
export const COMPLAINT_NOTIFYING_EVENT_TYPES: ReadonlySet<ComplaintEvent['type']> = new Set<ComplaintEvent['type']>([
  'ComplaintReceived',
  'ComplaintVerified',
  'ComplaintAnswered',
  'ComplaintEscalated',
  'ComplaintFollowUpInstructed',
  'ComplaintClosed',
  'ComplaintReopened',
]);

export interface ComplaintTrigger {
  eventId: string;
  complaintId: string;
  event: ComplaintEvent;
}

/** What the planner needs besides the event, from the complaint's own stream. */
export interface ComplaintFacts {
  /** The complainant's e-mail when they left one; none (anonymous, or no e-mail): nobody is told. */
  email?: string;
  kind: string;
  category: string;
  office: ServiceOffice;
  /**
   * The complainant's lookup: number, secret code (computed by the caller with COMPLAINT_TRACKING_KEY;
   * only the "diterima" mail carries it) and the public lookup page.
   */
  tracking: { trackingNumber: string; trackingCode: string; lookupUrl: string };
}

type Specific = ComplaintTemplateInput extends infer T
  ? T extends unknown
    ? Omit<T, 'complaintId' | 'trackingNumber' | 'lookupUrl' | 'kindLabel' | 'categoryLabel' | 'office' | 'trackingCode'>
    : never
  : never;

/**
 * Pure: which messages a complaint event causes. E-mail only, and only to an address the complainant
 * left; the same event and facts always give the same sends with the same keys.
 */
export function planComplaintNotifications(trigger: ComplaintTrigger, facts: ComplaintFacts): PlannedSend[] {
  const email = facts.email?.trim();
  if (!email) return [];
  const specific = specificOf(trigger.event);
  if (!specific) return [];
  const { trackingNumber, trackingCode, lookupUrl } = facts.tracking;
  const input = {
    complaintId: trigger.complaintId,
    trackingNumber,
    lookupUrl,
    ...(specific.template === 'complaint-received' ? { trackingCode } : {}),
    kindLabel: COMPLAINT_CATALOG.kinds[facts.kind] ?? facts.kind,
    categoryLabel: COMPLAINT_CATALOG.categories[facts.category] ?? facts.category,
    office: facts.office,
    ...specific,
  } as ComplaintTemplateInput;
  const identity: SendIdentity = {
    applicationId: trigger.complaintId,
    template: input.template,
    eventId: trigger.eventId,
    channel: 'email',
  };
  return [{ identity, key: sendKey(identity), recipient: email, input }];
}

function specificOf(e: ComplaintEvent): Specific | undefined {
  switch (e.type) {
    case 'ComplaintReceived':
      return { template: 'complaint-received', verifyBy: e.data.verifyBy };
    case 'ComplaintVerified': {
      const d = e.data;
      if (d.outcome === 'valid') return { template: 'complaint-verified', outcome: 'valid', answerBy: d.answerBy };
      if (d.outcome === 'forwarded') return { template: 'complaint-verified', outcome: 'forwarded', forwardedTo: d.forwardedTo };
      return { template: 'complaint-verified', outcome: 'needs-information', note: d.note };
    }
    case 'ComplaintAnswered':
      return { template: 'complaint-answered', answer: e.data.answer };
    case 'ComplaintEscalated':
      return { template: 'complaint-escalated' };
    case 'ComplaintFollowUpInstructed':
      // Told that the camat acted, never what was instructed: the text is addressed to the staff (decision 0019).
      return { template: 'complaint-follow-up' };
    case 'ComplaintClosed':
      return {
        template: 'complaint-closed',
        satisfactionLabel: COMPLAINT_CATALOG.satisfaction[e.data.satisfaction] ?? e.data.satisfaction,
      };
    case 'ComplaintReopened':
      return { template: 'complaint-reopened', verifyBy: e.data.verifyBy };
    default:
      return undefined;
  }
}
