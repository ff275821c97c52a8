/**
 * Who issues a command. Roles as in DESIGN.md. Only ids and region codes: personal data never rides
 * on the actor (it ends up in event metadata and logs).
 */
export type Role = 'applicant' | 'village-officer' | 'operator' | 'signer' | 'system';

export interface CommandActor {
  userId: string;
  role: Role;
  /** Operators: their kecamatan code ("35.15.12"). */
  kecamatan?: string;
  /** Village officers: their village code ("35.15.12.2001"). */
  desa?: string;
}
