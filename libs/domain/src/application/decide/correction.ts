import { formatWibTime } from '@adminduk/calendar';
import { assertNoIssues, conflict, invalid } from '../../shared/domain-error';
import type { AttachDocument, DecideContext, ReturnFileAfterMissedDeadline, SubmitCorrection } from '../application.commands';
import { event, evolve, type ApplicationEvent, type ApplicationState } from '../application.events';
import { iso, requireOperatorOf, requireStatus, requireSubmitterSide, staffRef } from '../guards';
import { checkKnownKeys } from '../kk-field-rules';
import { validateContact, validateNewborn, type ValidationOutcome } from '../submission-validation';
import { findRequirement, isFileComplete } from './requirements';

/** Uploads, the applicant's correction, and the missed correction deadline. */

export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * A scan attached to a requirement. Allowed while the file is with the applicant's side: before the
 * operator has judged that requirement, or while a correction of it is awaited. Never after verification.
 */
export function decideAttachDocument(cmd: AttachDocument, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireSubmitterSide(cmd.actor, state);
  requireStatus(
    state,
    ['submitted', 'correction-requested'],
    'DOCUMENT_NOT_ALLOWED',
    'Unggahan hanya dapat dilakukan sebelum verifikasi selesai atau saat perbaikan diminta',
  );
  const d = cmd.data;
  const problems = [];
  if (typeof d.documentId !== 'string' || !d.documentId.trim())
    problems.push({ field: 'documentId', code: 'REQUIRED', message: 'Nomor dokumen wajib diisi.' });
  if (!ACCEPTED_MEDIA_TYPES.includes(d.mediaType as (typeof ACCEPTED_MEDIA_TYPES)[number]))
    problems.push({ field: 'mediaType', code: 'DOCUMENT_TYPE', message: 'Jenis berkas harus PDF, JPEG atau PNG.' });
  if (!Number.isInteger(d.sizeBytes) || d.sizeBytes <= 0 || d.sizeBytes > MAX_DOCUMENT_BYTES)
    problems.push({ field: 'sizeBytes', code: 'DOCUMENT_SIZE', message: 'Ukuran berkas harus lebih dari 0 dan paling besar 10 MB.' });
  if (typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256))
    problems.push({ field: 'sha256', code: 'DOCUMENT_SHA256', message: 'Checksum SHA-256 tidak valid.' });
  const r = findRequirement(state, d.requirementId);
  if (!r || r.kind !== 'document')
    problems.push({
      field: 'requirementId',
      code: 'REQUIREMENT_UNKNOWN',
      message: 'Persyaratan dokumen tidak dikenal untuk permohonan ini.',
    });
  assertNoIssues(problems);
  const requirement = r as NonNullable<typeof r>;

  if (state.status === 'correction-requested' && !state.correction?.items.some((i) => i.requirementId === requirement.id)) {
    throw conflict('DOCUMENT_NOT_REQUESTED', `Persyaratan "${requirement.label}" tidak termasuk yang diminta untuk diperbaiki.`);
  }
  if (state.status === 'submitted' && requirement.decision === 'accepted') {
    throw conflict('DOCUMENT_ALREADY_ACCEPTED', `Persyaratan "${requirement.label}" sudah diverifikasi sesuai.`);
  }
  if (state.requirements.some((x) => x.documents.some((doc) => doc.documentId === d.documentId))) {
    throw conflict('DOCUMENT_DUPLICATE', 'Dokumen ini sudah dilampirkan.');
  }
  const at = iso(ctx.now);
  const attached = event('DocumentAttached', {
    documentId: d.documentId,
    requirementId: requirement.id,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    attachedBy: staffRef(cmd.actor),
    at,
  });
  const events: ApplicationEvent[] = [attached];
  // The SLA clock starts the moment the file is complete.
  if (!state.fileCompletedAt && isFileComplete(evolve(state, attached).requirements)) events.push(event('FileCompleted', { at }));
  return events;
}

/** "harus dipenuhi pemohon paling lambat pukul 12.00 WIB keesokan harinya": by the due time recorded on the request. */
export function decideSubmitCorrection(cmd: SubmitCorrection, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireSubmitterSide(cmd.actor, state);
  requireStatus(state, ['correction-requested'], 'CORRECTION_NOT_REQUESTED', 'Tidak ada perbaikan yang sedang diminta');
  const correction = state.correction as NonNullable<ApplicationState['correction']>;
  if (ctx.now.getTime() > Date.parse(correction.dueAt)) {
    throw conflict(
      'CORRECTION_DEADLINE_PASSED',
      `Batas waktu perbaikan (pukul ${formatWibTime(new Date(correction.dueAt))}) sudah lewat; berkas akan dikembalikan.`,
    );
  }
  const notReuploaded = correction.items
    .filter((i) => i.requirementId !== 'data')
    .map((i) => findRequirement(state, i.requirementId))
    .filter((r) => r && r.kind === 'document' && !r.documents.some((doc) => doc.at > correction.requestedAt));
  if (notReuploaded.length > 0) {
    throw conflict(
      'CORRECTION_INCOMPLETE',
      `Unggah ulang persyaratan berikut terlebih dahulu: ${notReuploaded.map((r) => r?.label).join('; ')}.`,
    );
  }
  const changes = cmd.data?.changes ?? {};
  // The typed data ("data") or a catalog requirement of kind data (the phone and email) was flagged.
  const dataFlagged = correction.items.some((i) => i.requirementId === 'data' || findRequirement(state, i.requirementId)?.kind === 'data');
  const hasChanges = Object.values(changes.applicant ?? {}).length > 0 || Object.values(changes.newborn ?? {}).length > 0;
  if (dataFlagged && !hasChanges) {
    throw invalid('VALIDATION_FAILED', 'Perbaikan data wajib diisi.', [
      { field: 'changes', code: 'REQUIRED', message: 'Perbaiki data yang dinyatakan tidak sesuai.' },
    ]);
  }
  const out: ValidationOutcome = { errors: [], warnings: [] };
  checkKnownKeys(out.errors, cmd.data, ['changes'], '');
  checkKnownKeys(out.errors, changes, ['applicant', 'newborn'], 'changes');
  checkKnownKeys(out.errors, changes.applicant, ['telepon', 'email'], 'changes.applicant');
  if (changes.applicant) validateContact(out, changes.applicant, 'changes.applicant', false);
  if (changes.newborn) {
    if ('nikIbu' in changes.newborn && changes.newborn.nikIbu !== state.newborn?.nikIbu) {
      throw invalid('VALIDATION_FAILED', 'NIK ibu tidak dapat diubah melalui perbaikan.', [
        {
          field: 'changes.newborn.nikIbu',
          code: 'CORRECTION_MOTHER',
          message: 'NIK ibu tidak dapat diubah melalui perbaikan; ajukan permohonan baru.',
        },
      ]);
    }
    validateNewborn(
      out,
      { ...(state.newborn as NonNullable<ApplicationState['newborn']>), ...changes.newborn },
      ctx.now,
      'changes.newborn',
    );
  }
  assertNoIssues(out.errors);
  return [event('CorrectionSubmitted', { submittedBy: staffRef(cmd.actor), changes, at: iso(ctx.now) })];
}

/** Deadline missed -> berkas dikembalikan. Issued by the deadline scheduler (system) or an operator. */
export function decideMissedDeadline(cmd: ReturnFileAfterMissedDeadline, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state, ['system']);
  requireStatus(state, ['correction-requested'], 'CORRECTION_NOT_REQUESTED', 'Tidak ada perbaikan yang sedang ditunggu');
  const correction = state.correction as NonNullable<ApplicationState['correction']>;
  if (ctx.now.getTime() <= Date.parse(correction.dueAt)) {
    throw conflict('CORRECTION_DEADLINE_NOT_PASSED', 'Batas waktu perbaikan belum lewat.');
  }
  return [
    event('FileReturned', {
      reasonCode: 'correction-deadline-missed',
      reason: `Persyaratan yang tidak sesuai tidak diperbaiki sampai batas waktu pukul ${formatWibTime(new Date(correction.dueAt))}.`,
      items: correction.items,
      returnedBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}
