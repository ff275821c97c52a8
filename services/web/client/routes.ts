import type { ComponentType } from 'preact';
import type { Role, Session } from './auth/session';
import Home from './pages/public/home';
import Login from './pages/public/login';
import LoginCallback from './pages/public/login-callback';
import ServiceStandard from './pages/public/service-standard';
import Tracking from './pages/public/tracking';
import Verification from './pages/public/verification';

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
  /** Lazy: its own chunk, so a citizen's first load never carries an operator's screens. */
  load?: () => Promise<{ default: ComponentType<PageProps> }>;
  /** Eager: in the first bundle (the small public pages a QR code or a link opens). */
  page?: ComponentType<PageProps>;
  /**
   * The API GETs the page makes on arrival: started with the page's chunk rather than after it (one
   * round trip less on slow mobile data); `useApi` picks them up.
   */
  warm?: (params: Record<string, string>) => string[];
}

const ALL_ROLES: Role[] = [
  'pemohon',
  'petugas-desa',
  'operator-kecamatan',
  'penandatangan',
  'auditor',
  'admin',
  'petugas-pengaduan',
  'camat',
];

/**
 * Every page of the web app. To add a screen: a page component in pages/<role>/<screen>.tsx
 * (default export) and one line here with `load: () => import(...)` (docs/web.md).
 */
export const ROUTES: RouteDef[] = [
  // Public pages are small and opened from links and QR codes: in the first bundle, their data warmed
  // by index.html (warm-routes.ts).
  { path: '/', page: Home },
  { path: '/layanan/:serviceId', page: ServiceStandard },
  { path: '/lacak', page: Tracking },
  { path: '/verifikasi', page: Verification },
  // The IKM survey of the invitation mail (token in the path): its own chunk.
  { path: '/survei/:token', load: () => import('./pages/public/survey') },
  // Public figures: their own chunk (charts), not in the first bundle.
  { path: '/statistik', load: () => import('./pages/public/statistics') },
  // The public complaint form (pengaduan, saran, apresiasi; anonymous allowed): its own chunk.
  { path: '/pengaduan', load: () => import('./pages/public/complaint-form') },
  // The complainant follows their complaint with its number and secret code (no login).
  { path: '/pengaduan/lacak', load: () => import('./pages/public/complaint-tracking') },
  { path: '/masuk', page: Login },
  { path: '/masuk/kembali', page: LoginCallback },
  { path: '/beranda', roles: ALL_ROLES, load: () => import('./pages/signed-in-home') },
  // Operator kecamatan: queues, verification beside the scans, counter intake, print and hand-over.
  {
    path: '/operator/antrean',
    roles: ['operator-kecamatan'],
    menu: 'Antrean permohonan',
    load: () => import('./pages/operator-kecamatan/queue'),
    warm: () => ['/api/applications?bucket=to-verify&limit=500'],
  },
  {
    path: '/operator/loket',
    roles: ['operator-kecamatan'],
    menu: 'Terima berkas di loket',
    load: () => import('./pages/operator-kecamatan/intake'),
  },
  {
    path: '/operator/permohonan/:id',
    roles: ['operator-kecamatan'],
    load: () => import('./pages/operator-kecamatan/application'),
    warm: (p) => [`/api/applications/${p.id}`, `/api/applications/${p.id}/data`],
  },
  {
    path: '/operator/cetak/:id',
    roles: ['operator-kecamatan'],
    load: () => import('./pages/operator-kecamatan/pickup'),
    warm: (p) => [`/api/applications/${p.id}`, `/api/applications/${p.id}/data`],
  },
  // Citizen (pemohon) and village officer (petugas desa): online submission in steps, their lists, an application.
  {
    path: '/permohonan',
    roles: ['pemohon'],
    menu: 'Permohonan saya',
    load: () => import('./pages/pemohon/applications'),
    warm: () => ['/api/applications?limit=100'],
  },
  {
    path: '/permohonan/baru',
    roles: ['pemohon'],
    menu: 'Ajukan KK baru (kelahiran)',
    load: () => import('./pages/pemohon/new-application'),
  },
  {
    path: '/permohonan/:id',
    roles: ['pemohon', 'petugas-desa'],
    load: () => import('./pages/pemohon/application'),
    warm: (p) => [`/api/applications/${encodeURIComponent(p.id)}`],
  },
  {
    path: '/desa/permohonan',
    roles: ['petugas-desa'],
    menu: 'Permohonan warga desa',
    load: () => import('./pages/petugas-desa/applications'),
    warm: () => ['/api/applications?limit=100'],
  },
  {
    path: '/desa/permohonan/baru',
    roles: ['petugas-desa'],
    menu: 'Ajukan KK untuk warga desa',
    load: () => import('./pages/petugas-desa/new-application'),
  },
  // Complaints: the petugas pengaduan's queue, detail with the handling, recording, SP4N-LAPOR; auditors
  // read the same; operators read their kecamatan's without the identity (the API's scope).
  {
    path: '/petugas-pengaduan',
    roles: ['petugas-pengaduan', 'auditor'],
    menu: 'Pengaduan masyarakat',
    load: () => import('./pages/petugas-pengaduan/queue'),
  },
  {
    path: '/petugas-pengaduan/baru',
    roles: ['petugas-pengaduan'],
    menu: 'Catat pengaduan',
    load: () => import('./pages/petugas-pengaduan/record'),
  },
  {
    path: '/petugas-pengaduan/lapor',
    roles: ['petugas-pengaduan'],
    menu: 'SP4N-LAPOR: impor dan perkembangan',
    load: () => import('./pages/petugas-pengaduan/lapor'),
  },
  {
    path: '/petugas-pengaduan/:id',
    roles: ['petugas-pengaduan', 'auditor'],
    // Not warmed: the petugas's and auditor's reads of the identity are recorded, once per opening.
    load: () => import('./pages/petugas-pengaduan/complaint'),
  },
  {
    path: '/operator/pengaduan',
    roles: ['operator-kecamatan'],
    menu: 'Pengaduan tentang kecamatan',
    load: () => import('./pages/petugas-pengaduan/queue'),
  },
  {
    path: '/operator/pengaduan/:id',
    roles: ['operator-kecamatan'],
    load: () => import('./pages/petugas-pengaduan/complaint'),
  },
  // The camat: complaints of the kecamatan that a missed deadline escalated, and the follow-up instruction.
  {
    path: '/camat/pengaduan',
    roles: ['camat'],
    menu: 'Pengaduan yang dieskalasi',
    load: () => import('./pages/camat/escalations'),
  },
  // Penandatangan, auditor, admin: desktop screens, each its own chunk.
  {
    path: '/tte',
    roles: ['penandatangan'],
    menu: 'Antrean tanda tangan elektronik',
    load: () => import('./pages/penandatangan/signing-queue'),
    warm: () => ['/api/signing/queue'],
  },
  {
    path: '/audit',
    roles: ['auditor'],
    menu: 'Riwayat permohonan',
    load: () => import('./pages/auditor/applications'),
    warm: () => ['/api/applications?limit=100'],
  },
  {
    path: '/audit/permohonan/:id',
    roles: ['auditor'],
    load: () => import('./pages/auditor/timeline'),
    // Not the access log: opening the history is itself a recorded read, which the log must then show.
    warm: (p) => [`/api/applications/${p.id}/history`],
  },
  {
    path: '/audit/akses-data',
    roles: ['auditor'],
    menu: 'Catatan akses data pribadi',
    load: () => import('./pages/auditor/personal-data-access'),
  },
  {
    path: '/admin/hari-libur',
    roles: ['admin'],
    menu: 'Kalender hari libur',
    load: () => import('./pages/admin/holidays'),
    warm: () => ['/api/holidays/status'],
  },
  // The IKM survey's results: an operator's own kecamatan; the regency for the others.
  {
    path: '/ikm',
    roles: ['operator-kecamatan', 'petugas-pengaduan', 'auditor', 'admin'],
    menu: 'Indeks Kepuasan Masyarakat (IKM)',
    load: () => import('./pages/staff/ikm-results'),
  },
  // Statistics: an operator's own kecamatan; the regency for admin, auditor and penandatangan.
  {
    path: '/statistik/petugas',
    roles: ['operator-kecamatan', 'penandatangan', 'auditor', 'admin'],
    menu: 'Statistik layanan',
    load: () => import('./pages/staff/statistics-dashboard'),
    warm: () => ['/api/statistik'],
  },
];
