import { currentSession, saveSession } from './auth/session';
import { navigate } from './router';

/** An API answer in the platform's one error shape (decision 0009): `message` is for the user. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const correlationId = () => crypto.getRandomValues(new Uint32Array(4)).join('-');

/** Calls the platform on this origin with the session's token; JSON in, JSON out. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const session = currentSession();
  if (session) headers.set('authorization', `Bearer ${session.accessToken}`);
  headers.set('x-correlation-id', correlationId());
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body });
  } catch {
    throw new ApiProblem(0, 'OFFLINE', 'Tidak ada sambungan internet. Periksa jaringan Anda lalu coba lagi.');
  }
  return answerOf<T>(res, !!session);
}

/** A response as the one API shape: the body, or an ApiProblem with the user-facing message. */
async function answerOf<T>(res: Response, signedIn: boolean): Promise<T> {
  const answer = (await res.json().catch(() => null)) as (T & { message?: string; code?: string; errors?: [] }) | null;
  if (res.ok) return answer as T;
  if (res.status === 401 && signedIn) {
    saveSession(null);
    navigate(`/masuk?kembali=${encodeURIComponent(location.pathname + location.search)}`);
  }
  throw new ApiProblem(
    res.status,
    answer?.code ?? 'UNKNOWN',
    answer?.message ?? 'Terjadi kesalahan pada layanan. Silakan coba lagi.',
    answer?.errors ?? [],
  );
}

// GETs started ahead of the page that will ask for them (RouteDef.warm); taken once, briefly kept.
const warmed = new Map<string, { at: number; answer: Promise<unknown> }>();

export function warmApi(path: string): void {
  const w = warmed.get(path);
  if (w && Date.now() - w.at < 5_000) return;
  const answer = api(path);
  answer.catch(() => undefined); // the page that takes it sees the error
  warmed.set(path, { at: Date.now(), answer });
}

/** The warmed answer for `path` if there is a fresh one (and forgets it), else a new GET. */
export function takeWarm<T>(path: string): Promise<T> {
  const booted = (window as unknown as { __warm?: Record<string, Promise<Response>> }).__warm;
  const early = booted?.[path];
  if (early) {
    delete booted[path];
    return early.then(
      (res) => answerOf<T>(res, false),
      () => api<T>(path),
    );
  }
  const w = warmed.get(path);
  warmed.delete(path);
  return w && Date.now() - w.at < 5_000 ? (w.answer as Promise<T>) : api<T>(path);
}
