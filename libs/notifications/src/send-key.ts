import { createHash } from 'node:crypto';
import type { ComplaintTemplateName } from './templates/complaint-templates';
import type { TemplateName } from './templates/template-input';

export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

/** What makes a send unique: one message per application (or complaint), template, triggering event and channel. */
export interface SendIdentity {
  /** The application's id, or the complaint's for a complaint message (its stream names it the same way). */
  applicationId: string;
  template: TemplateName | ComplaintTemplateName;
  /** The event store's eventId of the event that triggered the send. */
  eventId: string;
  channel: NotificationChannel;
}

/** The send record's primary key. Ids only: no personal data, safe in logs. */
export function sendKey(s: SendIdentity): string {
  return `${s.applicationId}/${s.template}/${s.eventId}/${s.channel}`;
}

/**
 * The SMTP Message-ID of a send, derived from its key: a repeat after a crash carries the same
 * Message-ID, so a mail system (and the tests) recognise it as the same message. Hashed so the id
 * reveals nothing and stays a valid RFC 5322 msg-id whatever the key holds.
 */
export function messageIdFor(key: string, domain: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}
