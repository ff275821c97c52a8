// Dates for people, in WIB, worded exactly as the platform's mails and PDFs word them (libs/calendar):
// "Selasa, 3 Maret 2026 pukul 12.00 WIB". The browser's own locale and time zone play no part.
export { formatWibDate, formatWibDateTime, formatWibDateTimeIso, formatWibLongDate, formatWibTime } from '@adminduk/calendar';

/** "sisa 2 jam 5 menit" until `due`, "lewat 10 menit" after it: for a deadline counting down. */
export function countdown(due: Date, now: Date = new Date()): string {
  const ms = due.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} hari` : '', hours ? `${hours} jam` : '', `${rest} menit`].filter(Boolean).slice(0, 2);
  return `${ms >= 0 ? 'sisa' : 'lewat'} ${parts.join(' ')}`;
}
