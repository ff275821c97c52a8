import { createHash } from 'node:crypto';

/**
 * "BUDI SANTOSO" → "B**I S*****O": per word the first and last letter, asterisks between; words of
 * up to three letters keep only the first. Enough for a holder to recognise their KK, too little to
 * identify anyone. Punctuation inside a word (e.g. "MUH.") counts as a letter.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const letters = [...w];
      if (letters.length <= 3) return letters[0] + '*'.repeat(letters.length - 1);
      return letters[0] + '*'.repeat(letters.length - 2) + letters[letters.length - 1];
    })
    .join(' ');
}

/** Groups a family's KKs without storing its No. KK. */
export const familyKey = (noKk: string): string => createHash('sha256').update(`no-kk:${noKk}`).digest('hex');

/** The WIB (UTC+7, no daylight saving) calendar day of an instant, `YYYY-MM-DD`: the KK's issue date. */
export const wibDate = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

/** The CN of a subject DN ("CN=Kepala Dinas,O=...,C=ID" → "Kepala Dinas"), else the whole DN. */
export function commonName(subject: string): string {
  const m = /(?:^|,)\s*CN=((?:\\.|[^,])*)/.exec(subject);
  return (m ? m[1].replace(/\\(.)/g, '$1') : subject).trim();
}
