/**
 * Who issues a command. Roles are named as the identity provider's tokens name them (libs/auth ROLES:
 * one name per role across tokens, domain, events and docs), plus `system` for the platform's own
 * jobs. Ids and region codes, and a citizen's NIK for the scope check only: the deciders copy `userId`
 * and `role` into events (StaffRef), never the NIK, and the actor is never logged.
 */
export type Role = 'pemohon' | 'petugas-desa' | 'operator-kecamatan' | 'penandatangan' | 'system';

export interface CommandActor {
  userId: string;
  role: Role;
  /** Operators: their kecamatan code ("35.15.12"). */
  kecamatan?: string;
  /** Village officers: their village code ("35.15.12.2001"). */
  desa?: string;
  /** Applicants: the NIK their login is bound to (identity provider's claim). Personal data. */
  nik?: string;
}
