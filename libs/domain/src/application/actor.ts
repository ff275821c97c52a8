/**
 * Who issues a command. Roles as in DESIGN.md. Ids and region codes, and a citizen's NIK for the
 * scope check only: the deciders copy `userId` and `role` into events (StaffRef), never the NIK, and
 * the actor is never logged.
 */
export type Role = 'applicant' | 'village-officer' | 'operator' | 'signer' | 'system';

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
