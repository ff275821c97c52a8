/** A problem with one field. `message` is Bahasa Indonesia: it is shown to the person who typed the value. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export interface IdentifierResult<TParsed = unknown> {
  ok: boolean;
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** The decoded parts, when the structure could be read. */
  parsed?: TParsed;
}

export function result<T>(errors: FieldIssue[], warnings: FieldIssue[], parsed?: T): IdentifierResult<T> {
  return { ok: errors.length === 0, errors, warnings, parsed };
}
