import type { ApplicationState, RequirementSnapshot, RequirementState } from '../application.events';

/** Applicable document requirements not handed in at the counter. */
export function missingAtCounter(requirements: readonly RequirementSnapshot[], presented: ReadonlySet<string>): RequirementSnapshot[] {
  return requirements.filter((r) => r.applicable && r.kind === 'document' && !presented.has(r.id));
}

/** The file is complete when every applicable document requirement has been handed in or uploaded. */
export function isFileComplete(requirements: readonly RequirementState[]): boolean {
  return requirements.every((r) => !r.applicable || r.kind !== 'document' || r.presented);
}

export function findRequirement(state: ApplicationState, id: string): RequirementState | undefined {
  return state.requirements.find((r) => r.id === id);
}

/** Everything the operator found wrong: rejected requirements and data issues. */
export function openFindings(state: ApplicationState) {
  return [
    ...state.requirements
      .filter((r) => r.decision === 'rejected')
      .map((r) => ({ requirementId: r.id, reason: r.reason ?? 'Tidak sesuai' })),
    ...(state.dataVerification.decision === 'rejected'
      ? state.dataVerification.issues.map((i) => ({ requirementId: 'data', field: i.field, reason: i.reason }))
      : []),
  ];
}
