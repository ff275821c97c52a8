import type { ApplicationEvent, CorrectionItem, SurveyInvitationIssued } from '@adminduk/domain';
import { sendKey, type NotificationChannel, type SendIdentity } from '../send-key';
import type { ComplaintTemplateInput } from '../templates/complaint-templates';
import type { ServiceOffice } from '../templates/service-office';
import type { ItemToFix, MessageContext, TemplateInput } from '../templates/template-input';

/** The events that can cause a message: an application's, and the survey invitation of an application. */
export type NotifyingEvent = ApplicationEvent | SurveyInvitationIssued;

/** An event as the bus delivers it: the domain event with its store ids. */
export interface TriggeringEvent {
  /** The event store's eventId: part of the send key, so a redelivery maps to the same sends. */
  eventId: string;
  applicationId: string;
  event: NotifyingEvent;
}

/** What the planner needs besides the event: read from the application's read model by the caller. */
export interface ApplicationFacts {
  /** Current contact data (a correction may have changed phone or e-mail since submission). */
  applicant: { namaLengkap: string; nik: string; email?: string; telepon?: string };
  /** SMS or WhatsApp besides e-mail, when the applicant asked for it. */
  textChannel?: 'sms' | 'whatsapp';
  receiptNumber?: string;
  serviceName: string;
  slaWorkingDays: number;
  /** ISO-8601, once the file is complete. */
  slaDueAt?: string;
  /** Requirement id -> label as the standard words it (the catalog version of the application). */
  requirementLabels: Record<string, string>;
  /** The service offers self-print (catalog `collection.orSelfPrint`). */
  selfPrintAvailable: boolean;
  /** The link of a SelfPrintLinkIssued (the caller signs the token); required for that event. */
  selfPrintUrl?: string;
  /** The link of a SurveyInvitationIssued (the caller signs the token); required for that event. */
  surveyUrl?: string;
  office: ServiceOffice;
}

/** One message to send: who to, by which channel, what to render, under which key. */
export interface PlannedSend {
  identity: SendIdentity;
  key: string;
  /** E-mail address or phone number. */
  recipient: string;
  input: TemplateInput | ComplaintTemplateInput;
}

/** The events that cause a message (templateFor below); every other event is skipped unread. */
export const NOTIFYING_EVENT_TYPES: ReadonlySet<NotifyingEvent['type']> = new Set<NotifyingEvent['type']>([
  'ApplicationSubmitted',
  'CorrectionRequested',
  'FileReturned',
  'KkSigned',
  'SelfPrintLinkIssued',
  'ApplicationRejected',
  'ApplicationWithdrawn',
  'SurveyInvitationIssued',
]);

export class PlannerInputError extends Error {
  override name = 'PlannerInputError';
}

type TemplateSpecific = TemplateInput extends infer T ? (T extends unknown ? Omit<T, keyof MessageContext> : never) : never;

/**
 * Pure: which notifications an application event causes. The same event and facts always give the
 * same sends with the same keys, so a redelivered event is recognised by the send record.
 */
export function planNotifications(trigger: TriggeringEvent, facts: ApplicationFacts): PlannedSend[] {
  const specific = templateFor(trigger.event, facts);
  if (!specific) return [];
  const input = {
    applicant: { namaLengkap: facts.applicant.namaLengkap, nik: facts.applicant.nik },
    referenceNumber: facts.receiptNumber ?? trigger.applicationId,
    serviceName: facts.serviceName,
    office: facts.office,
    ...specific,
  } as TemplateInput;
  const channels: [NotificationChannel, string | undefined][] = [
    ['email', facts.applicant.email],
    ...(facts.textChannel ? [[facts.textChannel, facts.applicant.telepon] as [NotificationChannel, string | undefined]] : []),
  ];
  return channels
    .filter((c): c is [NotificationChannel, string] => typeof c[1] === 'string' && c[1].trim().length > 0)
    .map(([channel, recipient]) => {
      const identity: SendIdentity = { applicationId: trigger.applicationId, template: input.template, eventId: trigger.eventId, channel };
      return { identity, key: sendKey(identity), recipient: recipient.trim(), input };
    });
}

function templateFor(e: NotifyingEvent, f: ApplicationFacts): TemplateSpecific | undefined {
  switch (e.type) {
    case 'ApplicationSubmitted':
      return { template: 'submission-received', slaDueAt: f.slaDueAt, slaWorkingDays: f.slaWorkingDays };
    case 'CorrectionRequested':
      return { template: 'correction-requested', items: itemsToFix(e.data.items, f), dueAt: e.data.dueAt };
    case 'FileReturned':
      return { template: 'file-returned', reason: e.data.reason, items: itemsToFix(e.data.items, f) };
    case 'KkSigned':
      return { template: 'kk-ready', selfPrintAvailable: f.selfPrintAvailable };
    case 'SelfPrintLinkIssued':
      if (!f.selfPrintUrl) throw new PlannerInputError('SelfPrintLinkIssued needs facts.selfPrintUrl');
      return { template: 'self-print-link', url: f.selfPrintUrl, expiresAt: e.data.expiresAt };
    case 'SurveyInvitationIssued':
      if (!f.surveyUrl) throw new PlannerInputError('SurveyInvitationIssued needs facts.surveyUrl');
      return { template: 'survey-invitation', url: f.surveyUrl, expiresAt: e.data.expiresAt };
    case 'ApplicationRejected':
      return { template: 'rejected', reason: e.data.reason };
    case 'ApplicationWithdrawn':
      return { template: 'withdrawn', reason: e.data.reason };
    default:
      return undefined;
  }
}

/** "data" items are the typed data; a field makes the line precise. Unknown ids keep their id as label. */
function itemsToFix(items: CorrectionItem[], f: ApplicationFacts): ItemToFix[] {
  return items.map((i) => ({
    label:
      (i.requirementId === 'data' ? 'Data permohonan' : (f.requirementLabels[i.requirementId] ?? i.requirementId)) +
      (i.field ? ` (${i.field})` : ''),
    reason: i.reason,
  }));
}
