/**
 * The one error shape every API answers with, over HTTP and inside NATS command replies.
 * `message` is user-facing Bahasa Indonesia; `code` is stable for programs; `errors` names fields.
 */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  errors?: FieldError[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function apiError(statusCode: number, code: string, message: string, errors?: FieldError[]): ApiErrorBody {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', code, message, ...(errors?.length ? { errors } : {}) };
}

/** Thrown by handlers (HTTP or NATS) to answer with a specific ApiErrorBody. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, errors?: FieldError[], code = 'VALIDATION_FAILED'): ApiError {
    return new ApiError(apiError(400, code, message, errors));
  }
  static forbidden(message = 'Anda tidak berwenang atas permohonan ini', code = 'FORBIDDEN'): ApiError {
    return new ApiError(apiError(403, code, message));
  }
  static notFound(message = 'Data tidak ditemukan', code = 'NOT_FOUND'): ApiError {
    return new ApiError(apiError(404, code, message));
  }
  static conflict(message: string, code = 'CONFLICT'): ApiError {
    return new ApiError(apiError(409, code, message));
  }
}

/** What a NATS command handler replies: never a thrown RPC error, so the status survives the hop. */
export type CommandReply<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/** The platform's shape, not merely something with a status and a message (Nest's own errors have those too). */
export function isApiErrorBody(x: unknown): x is ApiErrorBody {
  const b = x as ApiErrorBody;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof b.statusCode === 'number' &&
    typeof b.code === 'string' &&
    typeof b.message === 'string' &&
    typeof b.error === 'string'
  );
}
