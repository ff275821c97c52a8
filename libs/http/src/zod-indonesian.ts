import {
  addIssueToContext,
  INVALID,
  z,
  ZodEffects,
  ZodFirstPartyTypeKind,
  ZodIssueCode,
  ZodString,
  type ParseInput,
  type ParseReturnType,
  type ZodErrorMap,
} from 'zod';
import { unsafeTextProblem } from '@adminduk/domain';
import type { FieldError } from './api-error';

const TYPE_NAMES: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  integer: 'bilangan bulat',
  boolean: 'true/false',
  object: 'objek',
  array: 'daftar',
  date: 'tanggal',
  null: 'null',
  undefined: 'kosong',
};

/** Indonesian messages for zod's built-in checks; schemas may still give their own. */
export const indonesianErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: 'Wajib diisi' };
      return { message: `Harus berupa ${TYPE_NAMES[issue.expected] ?? issue.expected}` };
    case ZodIssueCode.unrecognized_keys:
      return { message: `Kolom tidak dikenal: ${issue.keys.join(', ')}` };
    case ZodIssueCode.invalid_enum_value:
      return { message: `Nilai tidak dikenal; pilih salah satu: ${issue.options.join(', ')}` };
    case ZodIssueCode.invalid_literal:
      return { message: `Harus bernilai ${JSON.stringify(issue.expected)}` };
    case ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: 'Format email tidak valid' };
      if (issue.validation === 'uuid') return { message: 'Harus berupa UUID' };
      if (issue.validation === 'datetime') return { message: 'Harus berupa waktu ISO-8601' };
      if (issue.validation === 'date') return { message: 'Harus berupa tanggal YYYY-MM-DD' };
      return { message: 'Format tidak valid' };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? 'Wajib diisi' : `Minimal ${issue.minimum} karakter` };
      if (issue.type === 'array') return { message: `Minimal ${issue.minimum} item` };
      return { message: `Minimal ${issue.minimum}` };
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `Maksimal ${issue.maximum} karakter` };
      if (issue.type === 'array') return { message: `Maksimal ${issue.maximum} item` };
      return { message: `Maksimal ${issue.maximum}` };
    case ZodIssueCode.invalid_union_discriminator:
      return { message: `Nilai tidak dikenal; pilih salah satu: ${issue.options.join(', ')}` };
    default:
      return { message: ctx.defaultError };
  }
};

/** zod issues → field errors; an unknown key is reported at its own path so the client sees which. */
export function zodIssuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === ZodIssueCode.unrecognized_keys) {
      return issue.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'Kolom tidak dikenal' }));
    }
    return [{ field: base || 'body', message: issue.message }];
  });
}

/** Parses with Indonesian messages; returns data or field errors, never throws. */
export function parseWith<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): { ok: true; data: z.infer<T> } | { ok: false; errors: FieldError[] } {
  const r = schema.safeParse(input, { errorMap: indonesianErrorMap });
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: zodIssuesToFieldErrors(r.error) };
}

export interface SafeTextOptions {
  /** Longest value after normalising, in characters. */
  max: number;
  /** Shortest value after normalising (default 1: blank is missing). */
  min?: number;
  /** Line breaks and tabs allowed (a reason); otherwise one line. */
  multiline?: boolean;
  /** Turned into capitals before checking (names and places as Dukcapil writes them). */
  upperCase?: boolean;
  /** Keep the value as typed: no trimming, no space folding (a passphrase). */
  verbatim?: boolean;
  /** What the normalised value must match, with the Indonesian message when it does not. */
  pattern?: { regex: RegExp; message: string };
}

/**
 * The one string primitive for text people type, on every API of the platform. Refuses, naming the
 * field, what no stored text may hold (NUL and other control characters, lone surrogates, bidi
 * controls: the rule lives in libs/domain, which checks it again); then normalises (Unicode NFC,
 * trimmed, one space between words, CR LF to LF, capitals when asked) and checks the length and
 * the pattern.
 */
export function safeText(o: SafeTextOptions) {
  let inner = z
    .string()
    .min(o.min ?? 1)
    .max(o.max);
  if (o.pattern) inner = inner.regex(o.pattern.regex, o.pattern.message);
  return new SafeText(inner, o);
}

/**
 * safeText as one schema node. It is a ZodEffects (a preprocess) to every reader, so the OpenAPI
 * document shows the inner string's rules; its parse is written out because zod's generic
 * preprocess costs ~4 µs per field (a submission has about sixty), several times the check itself.
 */
class SafeText extends ZodEffects<ZodString, string, unknown> {
  constructor(
    inner: ZodString,
    private readonly options: SafeTextOptions,
  ) {
    super({ schema: inner, typeName: ZodFirstPartyTypeKind.ZodEffects, effect: { type: 'preprocess', transform: (v: unknown) => v } });
  }

  override _parse(input: ParseInput): ParseReturnType<string> {
    const value = input.data;
    if (typeof value !== 'string') return this._def.schema._parse(input);
    const problem = unsafeTextProblem(value, { multiline: this.options.multiline });
    if (problem) {
      addIssueToContext(this._getOrReturnCtx(input), { code: ZodIssueCode.custom, message: problem });
      return INVALID;
    }
    // input's path is a lazy getter (zod's ParseInputLazyPath): pass it on, do not spread it.
    return this._def.schema._parse({
      data: this.options.verbatim ? value : normaliseText(value, this.options),
      path: input.path,
      parent: input.parent,
    });
  }
}

function normaliseText(value: string, o: SafeTextOptions): string {
  let v = value.normalize('NFC');
  v = o.multiline ? v.replace(/\r\n?/g, '\n').trim() : v.trim().replace(/ {2,}/g, ' ');
  return o.upperCase ? v.toUpperCase() : v;
}
