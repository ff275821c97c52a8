import type { FieldIssue } from '../identifiers/identifier-result';
import { conflict, forbidden, invalid } from '../shared/domain-error';
import type { CommandActor, Role } from './actor';
import { isTerminal, type ApplicationState, type ApplicationStatus, type StaffRef } from './application.events';
import { isPartyTo } from './parties';
import { checkText, KK_TEXT_RULES } from './kk-field-rules';
import { statusLabel } from './status';

/** Checks shared by the command handlers. Order in handlers: who (403), then state (409), then input (400). */

export const staffRef = (actor: CommandActor): StaffRef => ({ userId: actor.userId, role: actor.role });

export function requireOperatorOf(actor: CommandActor, state: ApplicationState, alsoAllowed: Role[] = []): void {
  if (alsoAllowed.includes(actor.role)) return;
  if (actor.role !== 'operator-kecamatan') throw forbidden('AUTH_ROLE', 'Hanya operator kecamatan yang dapat melakukan tindakan ini.');
  if (actor.kecamatan !== state.kecamatan)
    throw forbidden('AUTH_KECAMATAN', 'Operator hanya dapat menangani permohonan di kecamatannya sendiri.');
}

/**
 * The side that submitted the file: online, a citizen whose NIK is the applicant's or a family
 * member's on it (their login is bound to that NIK); the village officer of that desa; the counter
 * operator.
 */
export function requireSubmitterSide(actor: CommandActor, state: ApplicationState): void {
  switch (state.channel) {
    case 'daring-mandiri':
      if (actor.role !== 'pemohon' || !isPartyTo(actor.nik, state)) {
        throw forbidden(
          'AUTH_NOT_APPLICANT',
          'Hanya pemohon atau anggota keluarga yang tercantum pada permohonan ini yang dapat melakukan tindakan ini.',
        );
      }
      return;
    case 'daring-desa':
      if (actor.role !== 'petugas-desa' || actor.desa !== state.desa) {
        throw forbidden('AUTH_DESA', 'Petugas registrasi desa hanya dapat menangani permohonan keluarga di desanya sendiri.');
      }
      return;
    case 'tatap-muka':
      requireOperatorOf(actor, state);
      return;
    default:
      throw forbidden('AUTH_CHANNEL', 'Kanal permohonan tidak dikenal.');
  }
}

export function requireRole(actor: CommandActor, roles: Role[], message: string): void {
  if (!roles.includes(actor.role)) throw forbidden('AUTH_ROLE', message);
}

export function requireOpen(state: ApplicationState): void {
  if (isTerminal(state)) {
    throw conflict(
      'APPLICATION_CLOSED',
      `Permohonan sudah ditutup (${statusLabel(state.status)}); tidak ada tindakan lain yang dapat dilakukan.`,
    );
  }
}

export function requireStatus(state: ApplicationState, allowed: ApplicationStatus[], code: string, message: string): void {
  requireOpen(state);
  if (!allowed.includes(state.status)) throw conflict(code, `${message} (status: ${statusLabel(state.status)}).`);
}

/** A reason (free text, lines allowed, no control or direction characters, at most 500 characters), trimmed. */
export function requireText(value: unknown, field: string, label: string): string {
  const issues: FieldIssue[] = [];
  if (!checkText(issues, value, KK_TEXT_RULES.reason, field, label)) throw invalid('VALIDATION_FAILED', issues[0].message, issues);
  return value.trim();
}

/** An optional reason: absent or blank is none; anything else follows `requireText`. */
export function optionalText(value: unknown, field: string, label: string): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return requireText(value, field, label);
}

export const iso = (d: Date): string => d.toISOString();
