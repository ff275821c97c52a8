import { isInRegency, type Principal } from '@adminduk/auth';
import { ApiError, apiError } from '@adminduk/http';
import type { Actor } from '@adminduk/event-store';
import { DomainError, isPartyTo, type ApplicationState, type CommandActor } from './domain-seam';

export const applicationStreamId = (applicationId: string) => `application-${applicationId}`;

/** The platform's roles (tokens) as the domain names them (commands). */
export function commandActorOf(p: Principal): CommandActor {
  const role = (
    {
      pemohon: 'applicant',
      'petugas-desa': 'village-officer',
      'operator-kecamatan': 'operator',
      penandatangan: 'signer',
    } as const
  )[p.role as 'pemohon' | 'petugas-desa' | 'operator-kecamatan' | 'penandatangan'];
  if (!role) throw ApiError.forbidden('Peran Anda tidak dapat mengunggah dokumen persyaratan');
  return { userId: p.userId, role, kecamatan: p.kecamatan, desa: p.desa, ...(role === 'applicant' && p.nik ? { nik: p.nik } : {}) };
}

/** Event metadata actor: ids and region codes only, never names. */
export function eventActorOf(p: Principal): Actor {
  return { userId: p.userId, role: p.role, kecamatan: p.kecamatan, desa: p.desa };
}

/**
 * Who may download or preview a requirement scan (personal data, least privilege): a citizen whose
 * NIK is the applicant's or a family member's on the application (as for reading it), the village
 * officer who submitted it, operators of the application's kecamatan, signers and auditors of the
 * regency. Not complaint officers, not admins.
 */
export function canDownloadDocument(p: Principal, app: ApplicationState): boolean {
  if (app.status === 'none' || !app.kecamatan) return false;
  switch (p.role) {
    case 'pemohon':
      return isPartyTo(p.nik, app);
    case 'petugas-desa':
      return app.submittedBy?.userId === p.userId;
    case 'operator-kecamatan':
      return p.kecamatan === app.kecamatan;
    case 'penandatangan':
    case 'auditor':
      return isInRegency(app.kecamatan);
    default:
      return false;
  }
}

export function apiErrorFromDomain(e: unknown): unknown {
  if (!(e instanceof DomainError)) return e;
  const errors = e.issues.map((i) => ({ field: i.field, message: i.message }));
  return new ApiError(apiError(e.httpStatus, e.code, e.message, errors));
}
