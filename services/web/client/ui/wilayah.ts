import { useEffect, useState } from 'preact/hooks';
import { takeWarm } from '../api';

/** GET /api/public/wilayah (services/gateway public-wilayah): the region names of the domain's data. */
export const WILAYAH_PATH = '/api/public/wilayah';
interface Wilayah {
  kecamatan: { kode: string; nama: string }[];
  desa: { kode: string; nama: string; kecamatan: string }[];
}

/** Name of a kecamatan or desa code; the code itself while the names load or when the data lacks it. */
export type RegionName = (code: string | null | undefined) => string;
type Names = ReadonlyMap<string, string>;

/** "351512" or "35.15.12" -> "35.15.12"; "3515122001" -> "35.15.12.2001" (the API answers either). */
function dotted(code: string): string {
  const d = code.replace(/\./g, '');
  if (d.length === 6) return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4)}`;
  if (d.length === 10) return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6)}`;
  return code;
}

export function regionName(names: Names, code: string | null | undefined): string {
  if (!code) return '–';
  return names.get(dotted(code)) ?? code;
}

// One GET per page load for every screen (the answer is cacheable for a day); a failure is retried next time.
let loading: Promise<Names> | null = null;
function loadNames(): Promise<Names> {
  loading ??= takeWarm<Wilayah>(WILAYAH_PATH).then(
    (w) => new Map([...w.kecamatan, ...w.desa].map((r) => [r.kode, r.nama])),
    () => ((loading = null), new Map()),
  );
  return loading;
}

/** `regionName` for a component: codes first, names as soon as they arrive. */
export function useWilayah(): RegionName {
  const [names, setNames] = useState<Names>(new Map());
  useEffect(() => {
    let live = true;
    void loadNames().then((n) => live && setNames(n));
    return () => void (live = false);
  }, []);
  return (code) => regionName(names, code);
}
