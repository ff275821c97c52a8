import { z, ZodIssueCode, type ZodErrorMap } from 'zod';
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
