import type { Role } from '@adminduk/auth';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Demo accounts of the LOCAL DEVELOPMENT issuer. Every password is "demo": these accounts exist only
 * on a developer's machine and the issuer refuses to start unless ADMINDUK_ENV is development or test.
 * Codes are real Kemendagri codes of Kabupaten Sidoarjo (shared/domain/wilayah-sidoarjo.json).
 */
export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  username: string;
  userId: string;
  role: Role;
  kecamatan?: string;
  desa?: string;
  /** Citizens: the NIK the identity provider vouches for (fictional, well-formed, Sidoarjo). */
  nik?: string;
  /** Display name for the UI; fictional. */
  name: string;
  description: string;
}

const users: DemoUser[] = [
  {
    username: 'operator.balongbendo',
    role: 'operator-kecamatan',
    kecamatan: '35.15.12',
    name: 'Operator Balongbendo',
    description: 'operator kecamatan Balongbendo (35.15.12)',
  },
  {
    username: 'operator.tarik',
    role: 'operator-kecamatan',
    kecamatan: '35.15.01',
    name: 'Operator Tarik',
    description: 'operator kecamatan Tarik (35.15.01)',
  },
  {
    username: 'desa.bakungpringgodani',
    role: 'petugas-desa',
    kecamatan: '35.15.12',
    desa: '35.15.12.2004',
    name: 'Petugas Desa Bakungpringgodani',
    description: 'petugas registrasi desa Bakungpringgodani, Balongbendo (35.15.12.2004)',
  },
  // SITI AMINAH, wife in the domain's test family (libs/domain/src/testing/kk-fixtures.ts, Balongbendo).
  {
    username: 'pemohon.siti',
    role: 'pemohon',
    nik: '3515125907900002',
    name: 'Siti (demo)',
    description: 'pemohon (warga), anggota keluarga contoh',
  },
  // A citizen of Tarik in no test family: sees none of Siti's family's applications.
  {
    username: 'pemohon.budi',
    role: 'pemohon',
    nik: '3515011505850003',
    name: 'Budi (demo)',
    description: 'pemohon lain, untuk uji batas akses',
  },
  // The camat of Balongbendo: sees the complaints escalated in the kecamatan and records follow-up instructions.
  {
    username: 'camat.balongbendo',
    role: 'camat',
    kecamatan: '35.15.12',
    name: 'Camat Balongbendo',
    description: 'camat Balongbendo (35.15.12): pengaduan yang dieskalasi',
  },
  { username: 'penandatangan', role: 'penandatangan', name: 'Penandatangan Dukcapil', description: 'penandatangan TTE, se-kabupaten' },
  { username: 'pengaduan', role: 'petugas-pengaduan', name: 'Petugas Pengaduan', description: 'petugas pengaduan, se-kabupaten' },
  { username: 'auditor', role: 'auditor', name: 'Auditor', description: 'auditor, baca saja, se-kabupaten' },
  { username: 'admin', role: 'admin', name: 'Administrator', description: 'administrator' },
].map((u) => ({ ...u, role: u.role as Role, userId: `demo-${u.username.replace('.', '-')}` }));

export function listDemoUsers(): readonly DemoUser[] {
  return users;
}

export function findDemoUser(username: string): DemoUser | undefined {
  return users.find((u) => u.username === username);
}

/** Lines for the start script: `username  role  scope  (description)`. */
export function formatDemoUsers(list: readonly DemoUser[] = users): string[] {
  const width = Math.max(...list.map((u) => u.username.length));
  const roleWidth = Math.max(...list.map((u) => u.role.length));
  return list.map((u) => `${u.username.padEnd(width)}  ${u.role.padEnd(roleWidth)}  ${u.description}`);
}

/** Compares in constant time (by digest, so lengths do not leak either). */
export function demoPasswordMatches(given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(DEMO_PASSWORD));
}
