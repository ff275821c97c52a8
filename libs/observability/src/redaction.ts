/**
 * Personal-data scrubbing for logs and span attributes (UU 27/2022 PDP): NIK, KK numbers, names,
 * phone numbers and e-mail addresses must never leave the process in a log line or a trace.
 *
 * Two nets, applied in one pass:
 *  - by key: any property whose name denotes personal data is replaced, whatever its value,
 *    case-insensitively and at any depth (`namaLengkap`, `nama_lengkap`, `NIK`, `pemohon.nik` ...);
 *  - by value: inside every string (messages, error messages, stacks, URLs), 16-digit numbers
 *    (NIK / KK number), e-mail addresses and Indonesian phone numbers are masked.
 * Names cannot be recognised inside free text, so code must log them only under a key.
 */

export const REDACTED = '[redacted]';
export const MASK_NIK = '[nik]';
export const MASK_EMAIL = '[email]';
export const MASK_PHONE = '[phone]';

/** Normalised (lower-case, letters and digits only) key names that always hold personal data or secrets. */
const SENSITIVE_KEYS = new Set([
  // identity numbers
  'nik',
  'niks',
  'nokk',
  'nomorkk',
  'nkk',
  'kk',
  'nokartukeluarga',
  'nomorkartukeluarga',
  'kknumber',
  'familycardnumber',
  'nationalid',
  'idnumber',
  'noktp',
  'nomorktp',
  'noakta',
  'nomorakta',
  // names
  'nama',
  'namalengkap',
  'name',
  'fullname',
  'firstname',
  'lastname',
  'givenname',
  'familyname',
  'namaayah',
  'namaibu',
  'namakepalakeluarga',
  'namapemohon',
  'namaanak',
  'namabayi',
  'namapelapor',
  'applicantname',
  'fathername',
  'mothername',
  'username',
  'preferredusername',
  // birth data
  'tempatlahir',
  'tanggallahir',
  'tgllahir',
  'birthplace',
  'placeofbirth',
  'birthdate',
  'dateofbirth',
  'dob',
  // contact
  'phone',
  'phonenumber',
  'mobile',
  'telepon',
  'telp',
  'notelp',
  'notelepon',
  'hp',
  'nohp',
  'nomorhp',
  'handphone',
  'whatsapp',
  'wa',
  'nowa',
  'email',
  'surel',
  'mail',
  'alamat',
  'address',
  'rt',
  'rw',
  // secrets
  'password',
  'passphrase',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authorization',
  'cookie',
  'setcookie',
]);
const SENSITIVE_PREFIXES = ['nik', 'nama', 'nomorkk', 'nokk', 'alamat', 'telepon', 'email'];
const SENSITIVE_SUFFIXES = ['nik', 'nama', 'email', 'phone', 'telepon', 'fullname', 'password', 'alamat', 'address'];

const keyVerdicts = new Map<string, boolean>();

export function isSensitiveKey(key: string): boolean {
  const cached = keyVerdicts.get(key);
  if (cached !== undefined) return cached;
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  const verdict = SENSITIVE_KEYS.has(k) || SENSITIVE_PREFIXES.some((p) => k.startsWith(p)) || SENSITIVE_SUFFIXES.some((s) => k.endsWith(s));
  // Key names are a small, closed vocabulary in practice; the cap guards against unbounded growth.
  if (keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict);
  return verdict;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 16 digits as one token, or written in groups (3515 1234 5678 0001, 351512.345678.0001). Bounded by
// "not a hex digit" rather than \b so `NIK3515...` is caught while hex ids (trace ids) are left alone.
const NIK = /(?<![0-9A-Fa-f])(?:\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}|\d{6}[ .-]\d{6}[ .-]\d{4})(?![0-9A-Fa-f])/g;
// 08xx / 628xx / +628xx followed by 7-11 more digits, optionally separated by spaces or dashes.
const PHONE = /(?<![0-9A-Fa-f+])(?:\+62|62|0)[ -]?8(?:[ -]?\d){7,11}(?![0-9A-Fa-f])/g;
const MAY_CONTAIN = /[\d@]/;

/** Masks NIK/KK numbers, e-mail addresses and Indonesian phone numbers inside free text. */
export function scrubString(text: string): string {
  if (!MAY_CONTAIN.test(text)) return text;
  return text.replace(EMAIL, MASK_EMAIL).replace(NIK, MASK_NIK).replace(PHONE, MASK_PHONE);
}

/**
 * Error text (error messages and stacks in logs, exception events and status messages in spans) with
 * the values a database echoes masked too:
 * PostgreSQL repeats the offending input (`invalid input syntax for type date: "<a name>"`,
 * `value "<n>" is out of range`, `Key (nik)=(<nik>)`), and a name cannot be recognised as one.
 * Quoted identifiers elsewhere (`relation "application_view"`) stay.
 */
export function scrubErrorText(text: string): string {
  return scrubString(text)
    .replace(/(:\s*|\bvalue\s+)"(?:[^"]|"")*"/g, '$1"[redacted]"')
    .replace(/\bKey \(([^)]*)\)=\((?:[^)]|\)(?!\s+(?:already|is)\b))*\)/g, 'Key ($1)=([redacted])');
}

const MAX_DEPTH = 10;

/**
 * Returns a copy of `value` with sensitive keys replaced and every string scrubbed. Errors stay
 * Errors (so pino's error serializer still applies) but with scrubbed message, stack and cause.
 */
export function scrubValue(value: unknown): unknown {
  return scrub(value, 0, new WeakSet());
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A NIK held as a number (rare but seen in spreadsheet imports) is masked like the string.
    // Only whole numbers: a NIK has no fraction, and a duration's 16 decimals are not one.
    if (typeof value === 'number' && !Number.isInteger(value)) return value;
    const s = String(value);
    if (s.length < 10) return value;
    const scrubbed = scrubString(s);
    return scrubbed === s ? value : scrubbed;
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[depth]';
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[binary ${(value as ArrayBufferView).byteLength} bytes]`;
  seen.add(value);
  try {
    if (value instanceof Error) return scrubError(value, depth, seen);
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
    if (value instanceof Map) return scrubEntries(Array.from(value.entries()), depth, seen);
    if (value instanceof Set) return Array.from(value, (v) => scrub(v, depth + 1, seen));
    // Value objects (money, date-time libraries) log as what they serialise to.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return scrub(toJSON.call(value), depth + 1, seen);
    return scrubEntries(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function scrubEntries(entries: [unknown, unknown][], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const key = String(k);
    out[key] = isSensitiveKey(key) ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}

function scrubError(err: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = new Error(scrubErrorText(err.message));
  copy.name = err.name;
  copy.stack = err.stack === undefined ? undefined : scrubErrorText(err.stack);
  for (const [k, v] of Object.entries(err)) {
    // A database error's own fields (pg: detail, where) echo input the way its message does.
    (copy as unknown as Record<string, unknown>)[k] = isSensitiveKey(k)
      ? REDACTED
      : typeof v === 'string'
        ? scrubErrorText(v)
        : scrub(v, depth + 1, seen);
  }
  if (err.cause !== undefined) copy.cause = scrub(err.cause, depth + 1, seen);
  // Keep the class name visible to pino's serializer (`type`), which reads constructor.name.
  Object.defineProperty(copy, 'constructor', { value: err.constructor, enumerable: false });
  return copy;
}
