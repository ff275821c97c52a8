import type { DomainError } from '@adminduk/domain';
import { apiError, type ApiErrorBody } from './api-error';

/**
 * The one mapping of a domain refusal to the API's error shape: its status (400/403/404/409), code,
 * Indonesian message and field issues. Used by the HTTP exception filter and by NATS command replies.
 */
export function apiErrorFromDomain(e: DomainError): ApiErrorBody {
  const errors = e.issues.map((i) => ({ field: i.field, message: i.message }));
  return apiError(e.httpStatus, e.code, e.message, errors);
}
