import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, takeWarm } from '../api';

/** GETs a resource when `path` changes; `null` path waits. */
export function useApi<T>(path: string | null): { data?: T; problem?: ApiProblem; loading: boolean } {
  const [state, setState] = useState<{ data?: T; problem?: ApiProblem; loading: boolean }>({ loading: !!path });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState({ loading: true });
    takeWarm<T>(path).then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) =>
        live && setState({ problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', 'Terjadi kesalahan.'), loading: false }),
    );
    return () => void (live = false);
  }, [path]);
  return state;
}
