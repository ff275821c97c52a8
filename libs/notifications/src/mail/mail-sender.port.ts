/** One e-mail, ready to go: rendered, addressed, with the Message-ID derived from its send key. */
export interface OutgoingMail {
  /** `<hash@domain>` from messageIdFor(sendKey). */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends e-mail. Resolves once the server accepted the message; rejects with SendFailedError
 * (permanent or not) otherwise. Implementations: SMTP (nodemailer).
 */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}
