/** One SMS or WhatsApp message. `sendKey` lets a provider drop a repeat (Idempotency-Key). */
export interface OutgoingText {
  sendKey: string;
  channel: 'sms' | 'whatsapp';
  /** The phone number as the applicant gave it. */
  to: string;
  body: string;
}

/**
 * Sends SMS/WhatsApp. Resolves once the provider accepted the message (with its id when it gives
 * one); rejects with SendFailedError otherwise. Implementations: a JSON-lines file (development),
 * an HTTP provider.
 */
export interface TextMessageSender {
  send(message: OutgoingText): Promise<{ providerMessageId?: string }>;
  close(): Promise<void>;
}
