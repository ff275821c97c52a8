import type { MailSender, TextMessageSender } from '@adminduk/notifications';
import type { FactsDeps } from './application-facts';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
export const SENDERS = Symbol('NOTIFICATIONS_SENDERS');

/** The ports the service sends through, and what it knows about offices and links. */
export interface Senders {
  mail: MailSender;
  text?: TextMessageSender;
  facts: Pick<FactsDeps, 'office' | 'selfPrintUrl' | 'surveyUrl' | 'textChannel' | 'complaintTracking'>;
  close(): Promise<void>;
}
