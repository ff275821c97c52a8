import type { FieldIssue } from '../identifiers/identifier-result';
import { isCalendarDate } from '../identifiers/nik';
import { unsafeTextProblem } from '../shared/safe-text';
import { ADDRESS_FIELDS, APPLICANT_FIELDS, FAMILY_FIELDS, MEMBER_FIELDS, NEWBORN_FIELDS } from './kk-field-names';

/**
 * The rules each field of a KK application follows (docs/decisions/0011-kk-field-rules.md). The HTTP
 * edge normalises (trim, one space between words, capitals where Dukcapil writes capitals) and checks
 * these very rules; the decider checks them again, on what it is given, without normalising.
 */

export interface TextRule {
  /** Longest value, in characters. */
  max: number;
  /** The whole value must match. */
  pattern: RegExp;
  /** What the pattern allows, in Indonesian, after the label: "Nama lengkap <message>". */
  message: string;
  /** The edge turns the input into capitals before checking (Dukcapil writes these in capitals). */
  upperCase: boolean;
  /** Line breaks and tabs allowed (reasons); otherwise one line. */
  multiline?: boolean;
}

/** Letters, single spaces between parts, and the marks Dukcapil writes in names ("MA'RUF", "DRS. H. AHMAD, S.H.", "SITI-AMINAH"). */
const NAME = /^[A-Z](?:[A-Z'.,-]| (?! ))*(?<! )$/;

export const KK_TEXT_RULES = {
  /** A person's name as on the KK: capitals A-Z, spaces and ' . , - (Permendagri 73/2022: at most 60 characters with spaces). */
  name: {
    max: 60,
    pattern: NAME,
    message: "hanya boleh berisi huruf A-Z, spasi, dan tanda ' . , - (paling banyak 60 karakter)",
    upperCase: true,
  },
  /**
   * The newborn's name, registered now, follows Permendagri 73/2022 on the recording of names: at
   * least two words, at most 60 letters with spaces, no digits and no punctuation.
   */
  newbornName: {
    max: 60,
    pattern: /^[A-Z]+(?: [A-Z]+)+$/,
    message: 'harus paling sedikit dua kata, hanya huruf A-Z dan spasi, tanpa angka atau tanda baca',
    upperCase: true,
  },
  /** A place of birth: a regency, city or foreign place name, written like a name. */
  place: { max: 60, pattern: NAME, message: "hanya boleh berisi huruf A-Z, spasi, dan tanda ' . , -", upperCase: true },
  /** Street address: letters, digits, spaces and . , ' / ( ) # : - ("Jl. Raya Wonokupang No. 12"). */
  address: {
    max: 200,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9.,'/()#:-]| (?! ))*(?<! )$/,
    message: "hanya boleh berisi huruf, angka, spasi, dan tanda . , ' / ( ) # : -",
    upperCase: false,
  },
  /** Who helped at the birth (F-2.01: DOKTER, BIDAN/PERAWAT, DUKUN, LAINNYA, as written on the letter). */
  birthAttendant: {
    max: 40,
    pattern: /^[A-Z](?:[A-Z/.-]| (?! ))*(?<! )$/,
    message: 'hanya boleh berisi huruf A-Z, spasi, dan tanda / . -',
    upperCase: true,
  },
  /** Passport or KITAP number. */
  documentNumber: {
    max: 20,
    pattern: /^[A-Z0-9][A-Z0-9/-]*$/,
    message: 'hanya boleh berisi huruf A-Z, angka, dan tanda / -',
    upperCase: true,
  },
  /** A value from a KK value list (agama, pendidikan...): written in capitals; the list itself is checked separately. */
  listValue: {
    max: 60,
    pattern: /^[A-Z][A-Z0-9 ()/+.-]*$/,
    message: 'tidak dikenal; pilih salah satu nilai yang berlaku',
    upperCase: true,
  },
  /** Why something was refused, returned or withdrawn: any text, lines allowed. */
  reason: { max: 500, pattern: /^[\s\S]*\S[\s\S]*$/, message: 'wajib diisi', upperCase: false, multiline: true },
} satisfies Record<string, TextRule>;

export type KkTextRuleName = keyof typeof KK_TEXT_RULES;

/** Checks `value` against a rule; pushes one issue naming `field` when it fails. Returns whether it passed. */
export function checkText(out: FieldIssue[], value: unknown, rule: TextRule, field: string, label: string): value is string {
  const fail = (code: string, message: string) => (out.push({ field, code, message }), false);
  if (typeof value !== 'string')
    return fail(
      value === undefined || value === null ? 'REQUIRED' : 'TEXT_TYPE',
      `${label} ${value === undefined || value === null ? 'wajib diisi' : 'harus berupa teks'}.`,
    );
  const unsafe = unsafeTextProblem(value, { multiline: rule.multiline });
  if (unsafe) return fail('TEXT_UNSAFE', `${label}: ${unsafe}`);
  if (value.trim() === '') return fail('REQUIRED', `${label} wajib diisi.`);
  if (value.length > rule.max) return fail('TEXT_TOO_LONG', `${label} paling banyak ${rule.max} karakter.`);
  if (!rule.pattern.test(value)) return fail('TEXT_FORMAT', `${label} ${rule.message}.`);
  return true;
}

// ---- Dates -------------------------------------------------------------------------------------

/** No date on a KK is earlier: nobody alive was born, and no marriage on a current KK took place, before 1900. */
export const EARLIEST_KK_DATE = '1900-01-01';
/** The newborn is a child (UU 35/2014: under 18); an adult is added to a KK by another service. */
export const NEWBORN_MAX_AGE_YEARS = 18;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Today in Asia/Jakarta, YYYY-MM-DD. */
export const wibToday = (now: Date): string => new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

/** A real day of the Gregorian calendar written YYYY-MM-DD (no 2025-13-45, no 0000-00-00, no 2023-02-29). */
export function isIsoDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  return !!m && +m[1] >= 1 && isCalendarDate(+m[1], +m[2], +m[3]);
}

/** The same day `years` earlier (29 February becomes 28 February when needed). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  const candidate = `${String(+y - years).padStart(4, '0')}-${m}-${d}`;
  return isIsoDate(candidate) ? candidate : `${String(+y - years).padStart(4, '0')}-${m}-28`;
}

/**
 * A date in [earliest, today WIB]. Pushes one issue when it is not a calendar date, is in the
 * future or is before `earliest`.
 */
export function checkPastDate(
  out: FieldIssue[],
  value: unknown,
  field: string,
  label: string,
  now: Date,
  earliest = EARLIEST_KK_DATE,
): value is string {
  const fail = (code: string, message: string) => (out.push({ field, code, message }), false);
  if (value === undefined || value === null || value === '') return fail('REQUIRED', `${label} wajib diisi.`);
  if (!isIsoDate(value)) return fail('DATE_FORMAT', `${label} harus berupa tanggal yang benar (TTTT-BB-HH).`);
  if (value > wibToday(now)) return fail('DATE_FUTURE', `${label} tidak boleh setelah hari ini.`);
  if (value < earliest) return fail('DATE_TOO_EARLY', `${label} tidak boleh sebelum ${earliest}.`);
  return true;
}

// ---- Contact -----------------------------------------------------------------------------------

/** RFC 5321: local part at most 64 octets, the whole address at most 254. ASCII only, one @, a dotted domain. */
export const EMAIL_LIMITS = { localPart: 64, total: 254 } as const;
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Why an e-mail address is not acceptable, in Indonesian, or undefined when it is. */
export function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !EMAIL.test(value)) return 'Alamat email tidak valid.';
  if (value.length > EMAIL_LIMITS.total) return `Alamat email paling banyak ${EMAIL_LIMITS.total} karakter.`;
  if (value.indexOf('@') > EMAIL_LIMITS.localPart) return `Bagian sebelum @ paling banyak ${EMAIL_LIMITS.localPart} karakter.`;
  return undefined;
}

// ---- Fields of an application --------------------------------------------------------------------

export { ADDRESS_FIELDS, APPLICANT_FIELDS, FAMILY_FIELDS, MEMBER_FIELDS, NEWBORN_FIELDS };
/** Most members one KK holds here (the API's limit). */
export const MAX_FAMILY_MEMBERS = 30;

const DATA_FIELD = new RegExp(
  `^(?:applicant\\.(?:${APPLICANT_FIELDS.join('|')})` +
    `|family\\.(?:noKk|namaKepalaKeluarga)` +
    `|family\\.alamat\\.(?:${ADDRESS_FIELDS.join('|')})` +
    `|family\\.anggota\\[(\\d{1,2})\\]\\.(?:${MEMBER_FIELDS.join('|')})` +
    `|newborn\\.(?:${NEWBORN_FIELDS.join('|')}))$`,
);

/**
 * A data field of an application an operator can name as not conforming (data/reject): one value,
 * written as the API writes it ("newborn.tempatLahir", "family.anggota[0].namaLengkap"). A member
 * index must exist on the application (below `memberCount`).
 */
export function isDataField(field: unknown, memberCount = MAX_FAMILY_MEMBERS): field is string {
  const m = typeof field === 'string' ? DATA_FIELD.exec(field) : null;
  return !!m && (m[1] === undefined || (+m[1] < memberCount && String(+m[1]) === m[1]));
}

export const DATA_FIELD_MESSAGE =
  'Kolom data tidak dikenal; sebutkan satu kolom permohonan, misalnya newborn.tempatLahir atau family.anggota[0].namaLengkap.';

/** Pushes one issue per key of `value` that is not in `known` (a forged command cannot smuggle data in). */
export function checkKnownKeys(out: FieldIssue[], value: unknown, known: readonly string[], prefix: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      out.push({ field: prefix ? `${prefix}.${key}` : key, code: 'FIELD_UNKNOWN', message: 'Kolom tidak dikenal.' });
  }
}
