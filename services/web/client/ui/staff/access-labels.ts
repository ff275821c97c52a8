import { ROLE_LABELS, type Role } from '../../auth/session';

/** What a recorded read of personal data showed (PersonalDataViewed's view), as the API answers it. */
export type AccessView =
  | { kind: 'data' | 'kk-preview' | 'receipt' | 'history' | 'export' }
  | { kind: 'scan'; documentId: string; disposition?: 'attachment' | 'inline' }
  | { kind: 'signed-kk'; documentId: string };

const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? (role === 'system' ? 'Sistem' : role);

/** An actor or viewer as the auditor's screens name them: user id and role. */
export const who = (a?: { userId: string; role: string }) => (a ? `${a.userId} (${roleLabel(a.role)})` : 'Sistem');

/** What was read, in words (the access log's "Apa"). */
export function whatRead(v: AccessView): string {
  switch (v.kind) {
    case 'data':
      return 'Data permohonan';
    case 'kk-preview':
      return 'Pratinjau KK (belum ditandatangani)';
    case 'receipt':
      return 'Tanda terima berkas';
    case 'history':
      return 'Riwayat permohonan beserta data pribadi';
    case 'export':
      return 'Ekspor bundel audit (seluruh riwayat beserta data pribadi)';
    case 'scan':
      return `Pindaian ${v.documentId.slice(0, 8)}${v.disposition ? ` (${v.disposition === 'inline' ? 'dilihat' : 'diunduh'})` : ''}`;
    case 'signed-kk':
      return `KK bertanda tangan ${v.documentId.slice(0, 8)} (dicetak)`;
    default:
      return 'Data pribadi lain';
  }
}
