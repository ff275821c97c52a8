/**
 * A send that did not go through. `permanent` tells the caller whether trying again can help
 * (SMTP 5xx, HTTP 4xx: no) or not (timeouts, refused connections, SMTP 4xx, HTTP 5xx: yes).
 * The message never carries the recipient or the body: it ends up in logs and the send record.
 */
export class SendFailedError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** A short machine code: the SMTP reply code, the HTTP status or the socket error code. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'SendFailedError';
  }
}

/** Removes what looks like an e-mail address or a phone number / NIK from a server's reply text. */
export function withoutPersonalData(text: string): string {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '[alamat]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[angka]')
    .slice(0, 300);
}
