import type { WorkingCalendar } from '@adminduk/calendar';
import { applicationNiks, describeStatus, statusLabel, type ApplicationState, type RequirementState } from '@adminduk/domain';
import { motherNikHash } from '../application-submissions/mother-nik-hash';
import type { ApplicationView } from './application-view.entity';
import type { RequirementView } from './application-view.shape';
import { queueBucket } from './queue-bucket';
import { slaDue } from './sla-due-times';
import { trackingKeyOf } from './tracking-key';

/**
 * The view row of one application from its folded state, as of its latest event (`at`), or null
 * before a submission (nothing to show). Every column is mapped by name here: the one place where
 * the domain's state becomes the read shape.
 */
export function applicationViewRow(
  applicationId: string,
  state: ApplicationState,
  lastRevision: number,
  at: Date,
  /** The holiday lists in force (workingCalendarOf): published years final, later ones provisional. */
  calendar: WorkingCalendar,
): ApplicationView | null {
  if (!state.kecamatan || !state.submittedAt) return null;
  return {
    applicationId,
    kecamatan: state.kecamatan,
    desa: state.desa ?? null,
    submittedBy: state.submittedBy?.userId ?? '',
    serviceType: state.serviceType ?? '',
    channel: state.channel ?? '',
    bucket: queueBucket(state),
    status: state.status,
    statusLabel: statusLabel(state.status),
    statusView: describeStatus(state),
    requirements: state.requirements.map(requirementView),
    receiptNumber: state.receiptNumber ?? null,
    submittedAt: new Date(state.submittedAt),
    ...slaDue(state, at, calendar),
    correctionDueAt: state.status === 'correction-requested' && state.correction ? new Date(state.correction.dueAt) : null,
    niks: applicationNiks(state),
    duplicateOf: state.duplicateOf?.applicationId ?? null,
    motherNikHash: state.newborn?.nikIbu ? motherNikHash(state.newborn.nikIbu) : null,
    newbornBirthDate: state.newborn?.tanggalLahir ?? null,
    newbornName: state.newborn?.namaLengkap ?? null,
    verifiedAt: state.verifiedAt ? new Date(state.verifiedAt) : null,
    newbornNikAssigned: Boolean(state.newbornNik),
    signingFailures: state.signingFailures,
    lastSigningFailure: state.lastSigningFailure ? { ...state.lastSigningFailure } : null,
    trackingKey: trackingKeyOf(applicationId, state),
    lastRevision,
    updatedAt: at,
  };
}

function requirementView(r: RequirementState): RequirementView {
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    ...(r.condition !== undefined ? { condition: r.condition } : {}),
    applicable: r.applicable,
    presented: r.presented,
    documents: r.documents.map((d) => ({
      documentId: d.documentId,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      at: d.at,
    })),
    decision: r.decision,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
  };
}
