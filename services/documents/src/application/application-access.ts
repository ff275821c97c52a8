import { isInRegency, type Principal } from '@adminduk/auth';
import { commandActor } from '@adminduk/application-commands';
import { isPartyTo, type ApplicationState, type CommandActor } from './domain-seam';

/** The uploader as the domain sees them (the one principal-to-actor mapping), refused in this service's words. */
export const commandActorOf = (p: Principal): CommandActor => commandActor(p, 'Peran Anda tidak dapat mengunggah dokumen persyaratan');

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
