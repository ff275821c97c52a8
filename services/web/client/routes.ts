import type { ComponentType } from 'preact';
import type { Role, Session } from './auth/session';

export interface PageProps {
  params: Record<string, string>;
  url: URL;
  session: Session | null;
}

export interface RouteDef {
  /** e.g. /layanan/:serviceId */
  path: string;
  /** Who may open the page; absent means public. A logged-out visitor is sent to /masuk first. */
  roles?: Role[];
  /** Shown on /beranda for those roles. */
  menu?: string;
  /** Each page is its own chunk: a citizen's first load never carries an operator's screens. */
  load: () => Promise<{ default: ComponentType<PageProps> }>;
}

const ALL_ROLES: Role[] = ['pemohon', 'petugas-desa', 'operator-kecamatan', 'penandatangan', 'auditor', 'admin', 'petugas-pengaduan'];

/**
 * Every page of the web app. To add a screen: a page component in pages/<role>/<screen>.tsx
 * (default export) and one line here (docs/web.md).
 */
export const ROUTES: RouteDef[] = [
  { path: '/', load: () => import('./pages/public/home') },
  { path: '/layanan/:serviceId', load: () => import('./pages/public/service-standard') },
  { path: '/lacak', load: () => import('./pages/public/tracking') },
  { path: '/verifikasi', load: () => import('./pages/public/verification') },
  { path: '/masuk', load: () => import('./pages/public/login') },
  { path: '/masuk/kembali', load: () => import('./pages/public/login-callback') },
  { path: '/beranda', roles: ALL_ROLES, load: () => import('./pages/signed-in-home') },
];
