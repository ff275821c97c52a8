import type { ApplicationCommands, Clock } from '@adminduk/application-commands';
import { applicationIdOfStream, DomainError } from '@adminduk/domain';
import { deterministicUuid, type RecordedEvent } from '@adminduk/event-store';
import type { Logger } from '@adminduk/observability';

export const SELF_PRINT_LINK_SYSTEM_USER = 'system:self-print-link';

/** The expiry of a link issued now, in whole seconds (the token carries seconds: both say the same). */
export function linkExpiry(now: Date, validityHours: number): string {
  return new Date(Math.floor((now.getTime() + validityHours * 3_600_000) / 1000) * 1000).toISOString();
}

/** Refusals that mean "no link for this KK" for good: nothing to retry. */
const FINAL = new Set(['LINK_NOT_OFFERED', 'KK_REVOKED', 'LINK_CLOSED', 'LINK_NOT_SIGNED', 'LINK_DUPLICATE']);

/**
 * "Cetak mandiri melalui link cetak yang dikirim email": the standard offers every applicant the
 * choice between collecting at the kecamatan and printing from a link, in every channel. So each
 * signed KK whose service offers self-print (catalog `collection.orSelfPrint`, the decider checks)
 * gets a link as soon as it is signed; the notifications service mails it (SelfPrintLinkIssued).
 * The link id follows from the KkSigned event, so a redelivery issues nothing new.
 */
export class SelfPrintLinkIssuer {
  constructor(
    private readonly commands: () => Promise<ApplicationCommands>,
    private readonly validityHours: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async onKkSigned(event: RecordedEvent): Promise<void> {
    const applicationId = applicationIdOfStream(event.streamId);
    const linkId = deterministicUuid(SELF_PRINT_LINK_SYSTEM_USER, event.metadata.eventId, 'self-print-link');
    const expiresAt = linkExpiry(this.clock.now(), this.validityHours);
    try {
      const commands = await this.commands();
      await commands.executeAsSystem(
        applicationId,
        { type: 'IssueSelfPrintLink', data: { linkId, expiresAt } },
        SELF_PRINT_LINK_SYSTEM_USER,
        `self-print-link:${event.metadata.eventId}`,
        event.metadata.correlationId,
      );
      this.logger.info({ applicationId, linkId }, 'self-print link issued for a signed KK');
    } catch (e) {
      if (e instanceof DomainError && FINAL.has(e.code)) {
        this.logger.info({ applicationId, code: e.code }, 'no self-print link for this KK');
        return;
      }
      throw e; // JetStream redelivers with backoff, then the dead-letter stream
    }
  }
}
