import { ApiError, type ApiErrorBody } from '@adminduk/http';

/**
 * An error in the platform's one shape (decision 0009), which an OAuth 2.0 client reads as well
 * (RFC 6749 section 5.2): `error` is the OAuth error code and `error_description` repeats the message.
 */
export function oauthError(status: number, error: string, message: string): ApiError {
  const body: ApiErrorBody & { error_description: string } = {
    statusCode: status,
    error,
    code: error.toUpperCase(),
    message,
    error_description: message,
  };
  return new ApiError(body);
}
