import { z } from 'zod';
import { validateNik } from '@adminduk/domain';

export const ROLES = [
  'pemohon',
  'petugas-desa',
  'operator-kecamatan',
  'penandatangan',
  'petugas-pengaduan',
  'camat',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as far as authorization cares. Codes are Kemendagri region codes. */
export interface Principal {
  userId: string;
  role: Role;
  /** e.g. "35.15.12" (Balongbendo). Required for operator-kecamatan and camat. */
  kecamatan?: string;
  /** e.g. "35.15.12.2004". Required for petugas-desa. */
  desa?: string;
  /**
   * The citizen's NIK, from the identity provider's `nik` claim; required and valid for pemohon,
   * absent for every other role. It decides which applications the citizen may see and act on.
   * Personal data: NEVER log it, never put it in event metadata or spans.
   */
  nik?: string;
  name?: string;
}

export const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;
export const DESA_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function kecamatanOfDesa(desa: string): string {
  return desa.split('.').slice(0, 3).join('.');
}

export class InvalidClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClaimsError';
  }
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  kecamatan: z.string().regex(KECAMATAN_CODE).optional(),
  desa: z.string().regex(DESA_CODE).optional(),
  nik: z.string().optional(),
  name: z.string().optional(),
});

/**
 * Maps verified JWT claims to a principal. The role is the `role` claim, or else the one known role
 * among Keycloak's `realm_access.roles` (so a Keycloak realm works with a role mapper or without).
 * Scope claims must fit the role: an operator needs a kecamatan, a village officer a desa (whose
 * kecamatan is implied and, if also given, must agree), a citizen (pemohon) a valid NIK: their login
 * is bound to a person. Error messages never repeat a claim's value.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'klaim';
    throw new InvalidClaimsError(`klaim ${field} pada token tidak sah`);
  }
  const role = roleFrom(claims);
  const { sub, name } = parsed.data;
  let { kecamatan, desa } = parsed.data;
  if (role === 'operator-kecamatan' && !kecamatan) throw new InvalidClaimsError('token operator kecamatan tanpa klaim kecamatan');
  if (role === 'camat' && !kecamatan) throw new InvalidClaimsError('token camat tanpa klaim kecamatan');
  if (role === 'petugas-desa') {
    if (!desa) throw new InvalidClaimsError('token petugas desa tanpa klaim desa');
    if (kecamatan && kecamatan !== kecamatanOfDesa(desa)) {
      throw new InvalidClaimsError('klaim desa dan kecamatan pada token tidak cocok');
    }
    kecamatan = kecamatanOfDesa(desa);
  }
  if (role !== 'petugas-desa') desa = undefined; // scope claims that do not apply to the role are ignored
  const principal: Principal = { userId: sub, role };
  if (role === 'pemohon') {
    const nik = parsed.data.nik;
    if (nik === undefined) throw new InvalidClaimsError('token pemohon tanpa klaim NIK');
    if (!validateNik(nik).ok) throw new InvalidClaimsError('klaim NIK pada token pemohon tidak sah');
    principal.nik = nik;
  }
  if (kecamatan && role !== 'pemohon') principal.kecamatan = kecamatan;
  if (desa) principal.desa = desa;
  if (name) principal.name = name;
  return principal;
}

function roleFrom(claims: Record<string, unknown>): Role {
  if (claims.role !== undefined) {
    if (isRole(claims.role)) return claims.role;
    throw new InvalidClaimsError('peran pada token tidak dikenal');
  }
  const realmRoles = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const known = Array.isArray(realmRoles) ? realmRoles.filter(isRole) : [];
  if (known.length === 1) return known[0];
  throw new InvalidClaimsError(known.length === 0 ? 'token tanpa peran' : 'token memuat lebih dari satu peran');
}
