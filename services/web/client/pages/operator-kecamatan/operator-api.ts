import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem, takeWarm } from '../../api';
import { currentSession } from '../../auth/session';

/**
 * GET /api/applications (the gateway's queue view: no personal data, only what a queue needs) and
 * GET /api/applications/:id, as the gateway declares them (libs/api-contracts).
 */
export type { ApplicationDetail, QueueBucket, QueueItem, RequirementView } from '@adminduk/api-contracts';

export type Person = Record<string, string | number | undefined>;

/** GET /api/applications/:id/data: the submitted personal data (each read is recorded by the gateway). */
export interface ApplicationData {
  applicationId: string;
  status: string;
  channel: string;
  applicant: Person;
  family: { noKk: string; namaKepalaKeluarga: string; alamat: Person; anggota: Person[] };
  newborn: Person;
  newbornNik: string | null;
  dataVerification: { decision: 'pending' | 'accepted' | 'rejected'; issues: { field: string; reason: string }[] };
  scans: { requirementId: string; requirementLabel: string; documentId: string; mediaType: string; href: string }[];
}

/** What every command answers (libs/application-commands commandResultSchema). */
export interface CommandResult {
  applicationId: string;
  status: { code: string; label: string; detail?: string; reason?: string; correctionDueAt?: string };
  receiptNumber?: string;
  events: string[];
  replayed: boolean;
}

export const CHANNEL_LABELS: Record<string, string> = {
  'tatap-muka': 'Loket',
  'daring-mandiri': 'Daring (pemohon)',
  'daring-desa': 'Daring (desa)',
};

const WIB = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
/** A UTC instant as the counter reads it: "2 Des 2026 14.00 WIB". */
export const wib = (iso: string | null | undefined): string => (iso ? `${WIB.format(new Date(iso))} WIB` : '–');

/**
 * GET with a reload handle: screens reload after each command they send. A 404 is asked again for a
 * few seconds: an application just submitted at the counter reaches the views a moment later.
 */
export function useLoad<T>(path: string | null): { data?: T; problem?: ApiProblem; loading: boolean; reload: () => void } {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data?: T; problem?: ApiProblem; loading: boolean }>({ loading: !!path });
  useEffect(() => {
    if (!path) return;
    let live = true;
    const until = Date.now() + 10_000;
    setState((s) => ({ ...s, loading: true }));
    // The first GET may have started with the page's chunk (RouteDef.warm); reloads and retries ask anew.
    let first = version === 0;
    const load = (): void =>
      void (first ? takeWarm<T>(path) : api<T>(path)).then(
        (data) => live && setState({ data, loading: false }),
        (e: unknown) => {
          first = false;
          const problem = asProblem(e);
          if (live && problem.status === 404 && Date.now() < until) setTimeout(load, 300);
          else if (live) setState({ problem, loading: false });
        },
      );
    load();
    return () => void (live = false);
  }, [path, version]);
  return { ...state, reload: useCallback(() => setVersion((v) => v + 1), []) };
}

export const asProblem = (e: unknown): ApiProblem =>
  e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan pada layanan. Silakan coba lagi.');

const newKey = () => crypto.randomUUID();

/**
 * Sends commands with an Idempotency-Key per user action: the same action retried after a lost
 * answer (network or 5xx) reuses its key, so the platform records it once; a final answer (success
 * or a refusal) forgets the key and the next click is a new action.
 */
export function useCommands(onDone?: (r: CommandResult) => void) {
  const keys = useRef(new Map<string, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = async (label: string, path: string, body: unknown = {}): Promise<CommandResult | null> => {
    const action = `${path} ${JSON.stringify(body)}`;
    const key = keys.current.get(action) ?? newKey();
    keys.current.set(action, key);
    setBusy(action);
    setProblem(null);
    setDone(null);
    try {
      const result = await api<CommandResult>(path, { method: 'POST', headers: { 'idempotency-key': key }, json: body });
      keys.current.delete(action);
      setDone(label);
      onDone?.(result);
      return result;
    } catch (e) {
      const p = asProblem(e);
      if (p.status !== 0 && p.status < 500) keys.current.delete(action);
      setProblem(p);
      return null;
    } finally {
      setBusy(null);
    }
  };
  return { send, busy: busy !== null, problem, done };
}

/** A protected file (scan, KK, receipt) as a blob URL: the routes need the token, so no plain link. */
export async function fetchBlobUrl(path: string): Promise<string> {
  const session = currentSession();
  let res: Response;
  try {
    res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {}, cache: 'no-store' });
  } catch {
    throw new ApiProblem(0, 'OFFLINE', 'Tidak ada sambungan ke layanan. Periksa jaringan lalu coba lagi.');
  }
  if (!res.ok) {
    const answer = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiProblem(res.status, answer?.code ?? 'UNKNOWN', answer?.message ?? 'Berkas tidak dapat dibuka.');
  }
  return URL.createObjectURL(await res.blob());
}
