import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem, takeWarm } from '../../api';
import type { ApplicationDetail } from './application-types';

/**
 * One application, read again after each action. The read model follows the write a moment later,
 * so a fresh application may answer 404 at first (retried), and `reload` reads now and over the next seconds.
 */
export function useApplication(id: string): { data?: ApplicationDetail; problem?: ApiProblem; reload: () => void } {
  const [state, setState] = useState<{ data?: ApplicationDetail; problem?: ApiProblem }>({});
  const timers = useRef<number[]>([]);
  const read = useCallback(
    (retries404: number, first = false) => {
      const path = `/api/applications/${encodeURIComponent(id)}`;
      (first ? takeWarm<ApplicationDetail>(path) : api<ApplicationDetail>(path)).then(
        (data) => setState({ data }),
        (e: unknown) => {
          const problem = e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan.');
          if (problem.status === 404 && retries404 > 0) timers.current.push(window.setTimeout(() => read(retries404 - 1), 700));
          else setState((s) => ({ data: s.data, problem: s.data ? undefined : problem }));
        },
      );
    },
    [id],
  );
  useEffect(() => {
    read(15, true);
    return () => timers.current.forEach(clearTimeout);
  }, [read]);
  const reload = useCallback(() => {
    read(0);
    for (const ms of [1_000, 3_000, 6_000]) timers.current.push(window.setTimeout(() => read(0), ms));
  }, [read]);
  return { ...state, reload };
}

/** The current time, ticking every `everyMs` (a countdown on screen). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
