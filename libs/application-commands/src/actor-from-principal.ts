import type { Principal } from '@adminduk/auth';
import type { Channel, CommandActor, Role } from '@adminduk/domain';
import type { Actor } from '@adminduk/event-store';
import { ApiError } from '@adminduk/http';

/** The roles with a part in an application's lifecycle; the domain names them as tokens do. */
const LIFECYCLE_ROLES: ReadonlySet<Principal['role']> = new Set<Principal['role']>([
  'pemohon',
  'petugas-desa',
  'operator-kecamatan',
  'penandatangan',
]);

/**
 * The platform principal as the domain sees it; roles with no part in the lifecycle are refused
 * (403 with `refusal`, the caller's wording of what was attempted). A citizen's NIK goes along for
 * the decider's scope check (never into events or metadata).
 */
export function commandActor(p: Principal, refusal = 'Peran Anda tidak dapat melakukan tindakan ini pada permohonan'): CommandActor {
  if (!LIFECYCLE_ROLES.has(p.role)) throw ApiError.forbidden(refusal);
  const role = p.role as Role;
  return { userId: p.userId, role, kecamatan: p.kecamatan, desa: p.desa, ...(role === 'pemohon' && p.nik ? { nik: p.nik } : {}) };
}

/** The channel follows from who submits: operator at the counter, applicant online, village officer. */
export function channelOf(p: Principal): Channel {
  switch (p.role) {
    case 'operator-kecamatan':
      return 'tatap-muka';
    case 'pemohon':
      return 'daring-mandiri';
    case 'petugas-desa':
      return 'daring-desa';
    default:
      throw ApiError.forbidden('Peran Anda tidak dapat mengajukan permohonan');
  }
}

/** Event metadata actor: ids and region codes only, never a name. */
export function metadataActor(p: Principal): Actor {
  return { userId: p.userId, role: p.role, kecamatan: p.kecamatan, desa: p.desa };
}
