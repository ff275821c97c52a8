/**
 * Personal data shown only as much as the reader needs to recognise it. Mail and SMS travel through
 * providers and sit in inboxes others may read: the applicant recognises "3515********0001" as their
 * NIK, and a leaked message gives nobody a usable number.
 */

/** "3515********0001": first 4 (the regency) and last 4 digits of a NIK or a No. KK. */
export function maskIdNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/** "bu***@gmail.com": the first two characters of the local part and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}***${email.slice(at)}`;
}

/** "0812****7890": the operator prefix and the last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}
