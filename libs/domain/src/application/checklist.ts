import type { ApplicationState } from './application.events';

export type ChecklistDecision = 'belum-diperiksa' | 'sesuai' | 'tidak-sesuai' | 'tidak-berlaku';

export interface ChecklistRow {
  requirementId: string;
  label: string;
  kind: 'document' | 'data';
  applicable: boolean;
  /** Handed in at the counter, uploaded online, or (data) typed in. */
  presented: boolean;
  documentCount: number;
  latestDocumentId?: string;
  decision: ChecklistDecision;
  decisionLabel: string;
  reason?: string;
  /** Named in the correction now awaited. */
  correctionRequested: boolean;
}

const DECISION_LABELS: Record<ChecklistDecision, string> = {
  'belum-diperiksa': 'Belum diperiksa',
  sesuai: 'Sesuai',
  'tidak-sesuai': 'Tidak sesuai',
  'tidak-berlaku': 'Tidak berlaku',
};

/** The requirement checklist of one application, derived from its state, in catalog order. */
export function requirementChecklist(state: ApplicationState): ChecklistRow[] {
  const flagged = new Set(state.correction?.items.map((i) => i.requirementId) ?? []);
  return state.requirements.map((r) => {
    const decision: ChecklistDecision = !r.applicable
      ? 'tidak-berlaku'
      : r.decision === 'accepted'
        ? 'sesuai'
        : r.decision === 'rejected'
          ? 'tidak-sesuai'
          : 'belum-diperiksa';
    const latest = r.documents[r.documents.length - 1];
    return {
      requirementId: r.id,
      label: r.label,
      kind: r.kind,
      applicable: r.applicable,
      presented: r.presented,
      documentCount: r.documents.length,
      ...(latest ? { latestDocumentId: latest.documentId } : {}),
      decision,
      decisionLabel: DECISION_LABELS[decision],
      ...(r.reason ? { reason: r.reason } : {}),
      correctionRequested: flagged.has(r.id),
    };
  });
}
