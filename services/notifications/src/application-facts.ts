import { loadApplication } from '@adminduk/application-commands';
import type { WorkingCalendar } from '@adminduk/calendar';
import { applicationIdOfStream, foldApplication, kkKelahiranCatalog, type SurveyInvitationIssued } from '@adminduk/domain';
import { toDomainEvent, type EventStore, type RecordedEvent } from '@adminduk/event-store';
import type { ApplicationFacts, ComplaintFacts, ServiceOffice, TriggeringEvent } from '@adminduk/notifications';
import { slaDue } from '@adminduk/read-models';

/** Where the facts come from besides the application's own stream. */
export interface FactsDeps {
  store: EventStore;
  /** The working calendar in force (published holiday years), for the SLA due time. */
  calendar: () => Promise<WorkingCalendar>;
  office: (kecamatan: string) => ServiceOffice;
  /** SMS or WhatsApp besides e-mail (to the applicant's phone), when a text adapter is configured. */
  textChannel?: 'sms' | 'whatsapp';
  /** The signed link of a SelfPrintLinkIssued; undefined when this instance cannot sign links. */
  selfPrintUrl?: (grant: { applicationId: string; linkId: string; expiresAt: Date }) => string;
  /** The signed link of a SurveyInvitationIssued; undefined when this instance cannot sign links. */
  surveyUrl?: (grant: { applicationId: string; linkId: string; expiresAt: Date }) => string;
  /** A complaint's tracking number, secret code (COMPLAINT_TRACKING_KEY) and public lookup page. */
  complaintTracking: (complaintId: string) => ComplaintFacts['tracking'];
}

/** The stream is behind the event the bus delivered (a lagging replica): retry shortly. */
export class StreamBehindError extends Error {
  override name = 'StreamBehindError';
  readonly retryAfterMs = 1000;
}

/**
 * What a message needs, read from the application's own stream through the one write path's fold
 * (loadApplication), not from a read model: the bus delivers the event to this service and to the
 * projections independently, so a view may not have seen it yet, and the contact data (e-mail,
 * phone) is kept out of the views on purpose. The state AT the triggering event gives the facts of
 * that moment (receipt number, SLA due time); the contact data is the latest (a correction may
 * have changed it since).
 */
export async function applicationFacts(
  recorded: RecordedEvent,
  deps: FactsDeps,
): Promise<{ trigger: TriggeringEvent; facts: ApplicationFacts } | undefined> {
  // A survey invitation lives in its own stream and names its application; its facts are the latest.
  const invitation = recorded.type === 'SurveyInvitationIssued' ? toDomainEvent<SurveyInvitationIssued>(recorded) : undefined;
  const applicationId = invitation ? invitation.data.applicationId : applicationIdOfStream(recorded.streamId);
  const { state: latest, events } = await loadApplication(deps.store, applicationId);
  if (!invitation && events.length <= recorded.revision)
    throw new StreamBehindError(`stream has ${events.length} events, the bus delivered revision ${recorded.revision}`);
  const atEvent = invitation ? latest : foldApplication(events.slice(0, recorded.revision + 1));
  const event = invitation ?? events[recorded.revision];
  if (!latest.applicant || !atEvent.kecamatan) return undefined; // not a submitted application: nothing to tell anyone
  const entry = kkKelahiranCatalog.entryOf(atEvent);
  const slaDueAt =
    event.type === 'ApplicationSubmitted' ? slaDue(atEvent, new Date(recorded.metadata.occurredAt), await deps.calendar()).slaDueAt : null;
  const link = event.type === 'SelfPrintLinkIssued' ? event.data : undefined;
  return {
    trigger: { eventId: recorded.metadata.eventId, applicationId, event },
    facts: {
      applicant: latest.applicant,
      textChannel: deps.textChannel,
      receiptNumber: atEvent.receiptNumber,
      serviceName: entry.serviceName,
      slaWorkingDays: atEvent.slaWorkingDays,
      slaDueAt: slaDueAt?.toISOString(),
      requirementLabels: requirementLabels(entry.requirements),
      selfPrintAvailable: entry.collection.orSelfPrint,
      selfPrintUrl:
        link && deps.selfPrintUrl
          ? deps.selfPrintUrl({ applicationId, linkId: link.linkId, expiresAt: new Date(link.expiresAt) })
          : undefined,
      surveyUrl:
        invitation && deps.surveyUrl
          ? deps.surveyUrl({ applicationId, linkId: invitation.data.invitationId, expiresAt: new Date(invitation.data.expiresAt) })
          : undefined,
      office: deps.office(atEvent.kecamatan),
    },
  };
}

/** Every requirement's label as the standard words it, over all channels (ids are unique per catalog version). */
function requirementLabels(byChannel: Record<string, { id: string; label: string }[]>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const list of Object.values(byChannel)) for (const r of list) labels[r.id] ??= r.label;
  return labels;
}
