import type { ApplicationState, RequirementState } from './application.state';
import type { ApplicationEvent } from './events';
import { upcastApplicationEvent } from './events/schema-versions';

/**
 * Events of a KK application stream (one stream per application), its state and evolve.
 * Every event data carries `at` (ISO-8601 UTC): the domain never reads a clock, so time that matters
 * to the rules (deadlines, the SLA clock) must be in the events themselves.
 * The events are declared per procedure step in events/ (submission, verification, signing,
 * delivery, closing); the state in application.state.ts. docs/event-catalog.md describes each event.
 */

export * from './events';
export * from './events/schema-versions';
export * from './application.state';

// ---------------------------------------------------------------------------------------------
// Evolve

export function evolve(state: ApplicationState, e: ApplicationEvent): ApplicationState {
  // One shallow copy per event; the copy keeps the state's object shape (see initialState).
  const next: ApplicationState = { ...state };
  Object.assign(next, apply(state, upcastApplicationEvent(e)));
  next.version = state.version + 1;
  return next;
}

/** What one event changes. Returns only the changed keys; evolve makes the single copy. */
function apply(s: ApplicationState, e: ApplicationEvent): Partial<ApplicationState> {
  switch (e.type) {
    case 'ApplicationSubmitted': {
      const d = e.data;
      const presented = new Set(d.presentedRequirementIds ?? []);
      return {
        status: 'submitted',
        applicationId: d.applicationId,
        serviceType: d.serviceType,
        catalogVersionId: d.catalogVersionId,
        channel: d.channel,
        kecamatan: d.kecamatan,
        desa: d.desa,
        submittedBy: d.submittedBy,
        submittedAt: d.at,
        applicant: d.applicant,
        family: d.family,
        newborn: d.newborn,
        memilikiIjazah: d.memilikiIjazah,
        slaWorkingDays: d.slaWorkingDays,
        // Same keys in the same order for every requirement: one object shape, cheap copies.
        requirements: d.requirements.map((r): RequirementState => ({
          id: r.id,
          kind: r.kind,
          label: r.label,
          condition: r.condition,
          applicable: r.applicable,
          presented: r.kind === 'data' || presented.has(r.id),
          documents: [],
          decision: 'pending',
          reason: undefined,
        })),
      };
    }
    case 'PossibleDuplicateFlagged':
      return { duplicateOf: { applicationId: e.data.duplicateOfApplicationId, similarity: e.data.similarity } };
    case 'DocumentAttached': {
      const { documentId, mediaType, sizeBytes, sha256, at } = e.data;
      return mapRequirement(s, e.data.requirementId, (r) => ({
        ...r,
        applicable: true,
        presented: true,
        documents: [...r.documents, { documentId, mediaType, sizeBytes, sha256, at }],
      }));
    }
    case 'FileCompleted':
      return { fileCompletedAt: e.data.at };
    case 'RequirementAccepted':
      return mapRequirement(s, e.data.requirementId, (r) => ({ ...r, decision: 'accepted', reason: undefined }));
    case 'RequirementRejected':
      return mapRequirement(s, e.data.requirementId, (r) => ({ ...r, decision: 'rejected', reason: e.data.reason }));
    case 'DataVerified':
      return { dataVerification: { decision: 'accepted', issues: [] } };
    case 'DataRejected':
      return { dataVerification: { decision: 'rejected', issues: e.data.issues } };
    case 'CorrectionRequested':
      return {
        status: 'correction-requested',
        correction: { requestedAt: e.data.at, dueAt: e.data.dueAt, items: e.data.items },
        pauses: [...s.pauses, { from: e.data.at }],
      };
    case 'CorrectionSubmitted': {
      const { applicant, newborn } = e.data.changes;
      return {
        pauses: closedPauses(s, e.data.at),
        status: 'submitted',
        correction: undefined,
        correctionRounds: s.correctionRounds + 1,
        applicant: applicant && s.applicant ? { ...s.applicant, ...applicant } : s.applicant,
        newborn: newborn && s.newborn ? { ...s.newborn, ...newborn } : s.newborn,
        // What was flagged is judged again; what was accepted stays accepted.
        requirements: s.requirements.map((r) => (r.decision === 'rejected' ? { ...r, decision: 'pending', reason: undefined } : r)),
        dataVerification: s.dataVerification.decision === 'rejected' ? { decision: 'pending', issues: [] } : s.dataVerification,
      };
    }
    case 'FileReturned':
      return close(s, e.data.at, { status: 'returned', reasonCode: e.data.reasonCode, reason: e.data.reason, items: e.data.items });
    case 'ApplicationVerified':
      return { status: 'awaiting-signature', verifiedAt: e.data.at };
    case 'ReceiptIssued':
      return { receiptNumber: e.data.receiptNumber };
    case 'SignatureRequested':
      return { signatureRequestedAt: e.data.at };
    case 'NewbornNikAssigned':
      return { newbornNik: e.data.nik };
    case 'KkSigned':
      return {
        status: 'signed',
        signedAt: e.data.at,
        signedDocument: { documentId: e.data.documentId, sha256: e.data.sha256 },
        lastSigningFailure: undefined,
      };
    case 'KkSigningFailed': {
      const { reasonCode, reason, retryable, at } = e.data;
      return { signingFailures: s.signingFailures + 1, lastSigningFailure: { reasonCode, reason, retryable, at } };
    }
    case 'KkPrinted':
      return { printedAt: e.data.at };
    case 'KkReprinted':
      return {}; // still printed, still to hand over; the counts are the read model's (kk_print_view)
    case 'SelfPrintLinkIssued':
      return {
        selfPrintLinks: [...s.selfPrintLinks, { linkId: e.data.linkId, expiresAt: e.data.expiresAt, documentId: e.data.documentId }],
      };
    case 'KkSelfPrinted':
      // A later download changes nothing: the application closed at the first.
      return s.status === 'self-printed' ? {} : close(s, e.data.at, { status: 'self-printed' });
    case 'KkCollected':
      return close(s, e.data.at, { status: 'collected' });
    case 'KkRevoked': {
      const { documentId, reason, revokedBy, at } = e.data;
      return { revokedAt: at, revocation: { documentId, reason, revokedBy } };
    }
    case 'ApplicationWithdrawn':
      return close(s, e.data.at, { status: 'withdrawn', reason: e.data.reason });
    case 'ApplicationRejected':
      return close(s, e.data.at, { status: 'rejected', reason: e.data.reason });
    default:
      // An event type this version does not know (written by a newer one): skip it, do not fail the fold.
      return {};
  }
}

function mapRequirement(s: ApplicationState, id: string, f: (r: RequirementState) => RequirementState): Partial<ApplicationState> {
  return { requirements: s.requirements.map((r) => (r.id === id ? f(r) : r)) };
}

/** The pauses with the open one (if any) closed at `at`. */
function closedPauses(s: ApplicationState, at: string): ApplicationState['pauses'] {
  const last = s.pauses[s.pauses.length - 1];
  if (!last || last.to) return s.pauses;
  return [...s.pauses.slice(0, -1), { from: last.from, to: at }];
}

function close(s: ApplicationState, at: string, closure: NonNullable<ApplicationState['closure']>): Partial<ApplicationState> {
  return { pauses: closedPauses(s, at), status: closure.status, closedAt: at, closure, correction: undefined };
}
