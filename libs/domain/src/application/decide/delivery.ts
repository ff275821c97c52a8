import { validateNik } from '../../identifiers/nik';
import { assertNoIssues, conflict, forbidden, invalid } from '../../shared/domain-error';
import type { AssignNewbornNik, DecideContext, RecordCollection, RecordSignature, RecordSigningFailure } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState } from '../application.events';
import type { FieldIssue } from '../../identifiers/identifier-result';
import { rulesOf } from './catalog-rules';
import { requireNotRevoked } from './revocation';
import { iso, requireOpen, requireOperatorOf, requireRole, requireStatus, requireText, staffRef } from '../guards';

/**
 * After verification: the newborn's NIK, the TTE signature and collection (self-print: self-print.ts).
 * Produced by later services; the rules are enforced here: no signing before verification, no
 * collection before signing, collection only by the applicant or a member of the same KK.
 */

export function decideAssignNik(cmd: AssignNewbornNik, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state, ['system']);
  requireStatus(state, ['awaiting-signature'], 'NIK_NOT_VERIFIED', 'NIK bayi diterbitkan setelah permohonan terverifikasi');
  if (state.newbornNik) throw conflict('NIK_ALREADY_ASSIGNED', 'NIK bayi sudah diterbitkan.');
  const newborn = state.newborn as NonNullable<ApplicationState['newborn']>;
  const check = validateNik(cmd.data.nik, { jenisKelamin: newborn.jenisKelamin, tanggalLahir: newborn.tanggalLahir }, 'nik');
  assertNoIssues(check.errors);
  if (state.family?.anggota.some((m) => m.nik === cmd.data.nik)) {
    throw invalid('VALIDATION_FAILED', 'NIK sudah dipakai anggota keluarga lain.', [
      { field: 'nik', code: 'NIK_TAKEN', message: 'NIK sudah dipakai anggota keluarga lain.' },
    ]);
  }
  return [event('NewbornNikAssigned', { nik: cmd.data.nik, at: iso(ctx.now) })];
}

/** A signature may claim a time up to this far ahead of the decider's clock (clock skew between hosts). */
const SIGNING_TIME_SKEW_MS = 5 * 60_000;

/** Who may sign, and when: verified, newborn NIK assigned, not signed yet. Shared by success and failure. */
function requireSignable(actor: RecordSignature['actor'], state: ApplicationState): void {
  requireRole(actor, ['penandatangan'], 'Hanya pejabat penandatangan (TTE) yang dapat menandatangani KK.');
  requireOpen(state);
  if (state.status === 'signed') throw conflict('SIGN_ALREADY_SIGNED', 'KK sudah ditandatangani.');
  requireStatus(state, ['awaiting-signature'], 'SIGN_NOT_VERIFIED', 'KK belum dapat ditandatangani sebelum permohonan terverifikasi');
  if (!state.newbornNik) throw conflict('SIGN_NEWBORN_NIK_MISSING', 'NIK bayi belum diterbitkan; KK belum dapat ditandatangani.');
}

export function decideSignature(cmd: RecordSignature, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireSignable(cmd.actor, state);
  const documentId = requireText(cmd.data.documentId, 'documentId', 'Nomor dokumen KK');
  const issues: FieldIssue[] = [];
  if (typeof cmd.data.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(cmd.data.sha256)) {
    issues.push({ field: 'sha256', code: 'DOCUMENT_SHA256', message: 'Checksum SHA-256 tidak valid.' });
  }
  if (typeof cmd.data.certificateSerial !== 'string' || !/^[0-9A-F]{1,64}$/.test(cmd.data.certificateSerial)) {
    issues.push({ field: 'certificateSerial', code: 'SIGNATURE_SERIAL', message: 'Nomor seri sertifikat tidak valid.' });
  }
  if (typeof cmd.data.signerSubject !== 'string' || cmd.data.signerSubject.trim() === '' || cmd.data.signerSubject.length > 512) {
    issues.push({ field: 'signerSubject', code: 'SIGNATURE_SUBJECT', message: 'Identitas penanda tangan pada sertifikat wajib diisi.' });
  }
  const signingTime = typeof cmd.data.signingTime === 'string' ? Date.parse(cmd.data.signingTime) : NaN;
  if (!Number.isFinite(signingTime) || signingTime > ctx.now.getTime() + SIGNING_TIME_SKEW_MS) {
    issues.push({ field: 'signingTime', code: 'SIGNATURE_TIME', message: 'Waktu tanda tangan tidak valid.' });
  }
  if (issues.length > 0) throw invalid('VALIDATION_FAILED', issues[0].message, issues);
  return [
    event('KkSigned', {
      documentId,
      sha256: cmd.data.sha256,
      certificateSerial: cmd.data.certificateSerial,
      signerSubject: cmd.data.signerSubject.trim(),
      signingTime: new Date(signingTime).toISOString(),
      signedBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}

/**
 * A signing attempt failed. Recorded so that staff see why an application is still unsigned; the
 * application stays awaiting signature and may be signed by a later attempt. Nothing to record once
 * it is signed (a late failure report from a racing attempt is refused).
 */
export function decideSigningFailure(cmd: RecordSigningFailure, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireRole(cmd.actor, ['penandatangan', 'system'], 'Kegagalan tanda tangan dicatat oleh pejabat penandatangan atau sistem.');
  requireSignable({ ...cmd.actor, role: 'penandatangan' }, state);
  const issues: FieldIssue[] = [];
  if (typeof cmd.data.reasonCode !== 'string' || !/^[A-Z][A-Z0-9_]{2,39}$/.test(cmd.data.reasonCode)) {
    issues.push({ field: 'reasonCode', code: 'SIGNING_FAILURE_CODE', message: 'Kode alasan kegagalan tidak valid.' });
  }
  if (typeof cmd.data.reason !== 'string' || cmd.data.reason.trim() === '' || cmd.data.reason.length > 300) {
    issues.push({ field: 'reason', code: 'REQUIRED', message: 'Alasan kegagalan wajib diisi (paling banyak 300 karakter).' });
  }
  if (typeof cmd.data.retryable !== 'boolean') {
    issues.push({ field: 'retryable', code: 'SIGNING_FAILURE_RETRYABLE', message: 'Keterangan dapat-diulang wajib diisi.' });
  }
  if (issues.length > 0) throw invalid('VALIDATION_FAILED', issues[0].message, issues);
  return [
    event('KkSigningFailed', {
      reasonCode: cmd.data.reasonCode,
      reason: cmd.data.reason.trim(),
      retryable: cmd.data.retryable,
      attemptedBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}

/**
 * "Pengambilan dokumen adminduk dapat dilakukan oleh pemohon atau anggota keluarga dalam satu Kartu
 * Keluarga": who may collect is the catalog's collection.by.
 */
export function decideCollection(cmd: RecordCollection, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireStatus(state, ['signed'], 'COLLECT_NOT_SIGNED', 'KK belum dapat diambil sebelum ditandatangani');
  requireNotRevoked(state);
  if (!state.printedAt) throw conflict('COLLECT_NOT_PRINTED', 'KK belum dicetak.');
  const nik = cmd.data.collectorNik;
  assertNoIssues(validateNik(nik, {}, 'collectorNik').errors);
  const allowed = rulesOf(state, ctx).collection.by;
  const isApplicant = allowed.includes('pemohon') && nik === state.applicant?.nik;
  const isMember = allowed.includes('anggota-keluarga-satu-kk') && (state.family?.anggota.some((m) => m.nik === nik) ?? false);
  if (!isApplicant && !isMember) {
    throw forbidden(
      'COLLECT_NOT_FAMILY',
      allowed.includes('anggota-keluarga-satu-kk')
        ? 'KK hanya dapat diambil oleh pemohon atau anggota keluarga dalam satu Kartu Keluarga.'
        : 'KK hanya dapat diambil oleh pemohon.',
    );
  }
  return [
    event('KkCollected', {
      collectorNik: nik,
      collectorIs: isApplicant ? 'applicant' : 'family-member',
      handedOverBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}
