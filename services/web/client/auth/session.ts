import { useEffect, useState } from 'preact/hooks';

export type Role =
  'pemohon' | 'petugas-desa' | 'operator-kecamatan' | 'penandatangan' | 'auditor' | 'admin' | 'petugas-pengaduan' | 'camat';

export interface Session {
  accessToken: string;
  idToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: { id: string; name: string; role: Role; kecamatan?: string; desa?: string };
}

// sessionStorage: the tokens live as long as the tab, never in a cookie or localStorage.
const KEY = 'adminduk.session';
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return session;
}

export const ROLE_LABELS: Record<Role, string> = {
  pemohon: 'Pemohon',
  'petugas-desa': 'Petugas registrasi desa',
  'operator-kecamatan': 'Operator kecamatan',
  penandatangan: 'Pejabat penandatangan',
  auditor: 'Pemeriksa (auditor)',
  admin: 'Pengelola sistem',
  'petugas-pengaduan': 'Petugas pengaduan',
  camat: 'Camat',
};
