import type { FieldIssue } from '../identifiers/identifier-result';

/**
 * A refusal by the domain. `kind` maps to HTTP: invalid input 400, not allowed 403, unknown 404,
 * not possible in the current state 409. `message` is Bahasa Indonesia, fit to show the user.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict';

const HTTP_STATUS: Record<DomainErrorKind, 400 | 403 | 404 | 409> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** For `invalid`: every field that failed, each with its own Indonesian message. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  get httpStatus(): 400 | 403 | 404 | 409 {
    return HTTP_STATUS[this.kind];
  }

  toJSON() {
    return { code: this.code, message: this.message, status: this.httpStatus, issues: this.issues };
  }
}

export const invalid = (code: string, message: string, issues: readonly FieldIssue[] = []) =>
  new DomainError('invalid', code, message, issues);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

/** Throws a 400 naming every field at once, or returns when there is nothing to report. */
export function assertNoIssues(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  const fields = [...new Set(issues.map((i) => i.field))].join(', ');
  throw invalid('VALIDATION_FAILED', `Data tidak valid: ${fields}.`, issues);
}
