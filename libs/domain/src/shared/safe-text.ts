/**
 * What no free text the platform keeps may hold, whatever the field: NUL and other control characters
 * (PostgreSQL's jsonb refuses NUL; the rest are invisible and break printing), lone UTF-16 surrogates
 * (not text at all: they cannot be encoded as UTF-8) and bidirectional controls (a right-to-left
 * override makes "ANAK" read as "KANA" on a screen or a printed KK). A multi-line text (a reason) may
 * hold line breaks and tabs, nothing else of the above.
 *
 * The HTTP edge refuses the same characters with the zod primitive in libs/http (`safeText`), which
 * calls this; the decider checks again, because a command can also arrive over the bus.
 */

/** C0 controls except TAB, LF and CR; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every C0 control, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069), the invisible direction marks (LRM, RLM, ALM), BOM and the noncharacters U+FFFE/U+FFFF. */
const BIDI_AND_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF\uFFFE\uFFFF]/;

export type UnsafeTextKind = 'control' | 'surrogate' | 'bidi';

export const UNSAFE_TEXT_MESSAGES: Record<UnsafeTextKind, string> = {
  control: 'Mengandung karakter kontrol yang tidak diizinkan (misalnya NUL atau baris baru).',
  surrogate: 'Mengandung karakter Unicode yang tidak utuh.',
  bidi: 'Mengandung karakter pengatur arah teks atau karakter tak terlihat yang tidak diizinkan.',
};

/** Which kind of forbidden character `value` holds, or undefined when it holds none. */
export function unsafeTextKind(value: string, options: { multiline?: boolean } = {}): UnsafeTextKind | undefined {
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL).test(value)) return 'control';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (BIDI_AND_INVISIBLE.test(value)) return 'bidi';
  return undefined;
}

/** The Indonesian message for what is wrong with `value`, or undefined when it is safe text. */
export function unsafeTextProblem(value: string, options: { multiline?: boolean } = {}): string | undefined {
  const kind = unsafeTextKind(value, options);
  return kind && UNSAFE_TEXT_MESSAGES[kind];
}

/** True when `value` holds a forbidden character anywhere, at any depth (strings inside arrays and objects too). */
export function holdsUnsafeText(value: unknown, options: { multiline?: boolean } = {}): boolean {
  if (typeof value === 'string') return unsafeTextKind(value, options) !== undefined;
  if (Array.isArray(value)) return value.some((v) => holdsUnsafeText(v, options));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => holdsUnsafeText(k) || holdsUnsafeText(v, options));
  return false;
}
