import type { MailSender } from '../mail/mail-sender.port';
import type { PlannedSend } from '../planner/notification-planner';
import { messageIdFor } from '../send-key';
import { SendFailedError } from '../send-error';
import type { SendRecordRepository } from '../send-record/send-record.repository';
import { renderTemplate } from '../templates/templates';
import type { TextMessageSender } from '../text-message/text-message.port';

export type DeliveryOutcome =
  | { status: 'sent'; key: string; messageId: string | null; attempt: number }
  | { status: 'already-sent'; key: string; messageId: string | null }
  /** Another sender holds the key: the caller retries after `until` (e.g. nak with that delay). */
  | { status: 'in-progress'; key: string; until: Date };

export interface DispatcherDeps {
  records: SendRecordRepository;
  mail: MailSender;
  /** Absent: SMS/WhatsApp sends fail permanently (the planner only plans them when asked). */
  text?: TextMessageSender;
  /** Right-hand side of derived Message-IDs, e.g. "adminduk.sidoarjokab.go.id". */
  messageIdDomain: string;
}

/**
 * Delivers one planned send: claim the key (check), render, send, record (markSent). A failure is
 * recorded (markFailed, which frees the key for the retry) and rethrown for the caller's retry and
 * dead-letter policy: SendFailedError.permanent says whether retrying can help.
 */
export class NotificationDispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async deliver(send: PlannedSend): Promise<DeliveryOutcome> {
    const claim = await this.deps.records.claim(send.identity);
    if (claim.outcome === 'already-sent') return { status: 'already-sent', key: claim.key, messageId: claim.messageId };
    if (claim.outcome === 'in-progress') return { status: 'in-progress', key: claim.key, until: claim.until };
    let messageId: string | null;
    try {
      messageId = await this.transmit(send);
    } catch (e) {
      const failure =
        e instanceof SendFailedError ? e : new SendFailedError(`send failed (${(e as Error)?.name ?? 'Error'})`, false, 'EUNKNOWN');
      await this.deps.records.markFailed(claim.key, failure.message);
      throw failure;
    }
    await this.deps.records.markSent(claim.key, messageId);
    return { status: 'sent', key: claim.key, messageId, attempt: claim.attempt };
  }

  private async transmit(send: PlannedSend): Promise<string | null> {
    const message = renderTemplate(send.input);
    const channel = send.identity.channel;
    if (channel === 'email') {
      const messageId = messageIdFor(send.key, this.deps.messageIdDomain);
      await this.deps.mail.send({ messageId, to: send.recipient, subject: message.subject, text: message.text, html: message.html });
      return messageId;
    }
    if (!this.deps.text) throw new SendFailedError(`no text-message sender configured for ${channel}`, true, 'ENOSENDER');
    const sent = await this.deps.text.send({ sendKey: send.key, channel, to: send.recipient, body: message.short });
    return sent.providerMessageId ?? null;
  }
}
