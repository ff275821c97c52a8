// Why a KK is printed again, as the domain keeps it (libs/domain/data/reprint-reasons.json: code ->
// Indonesian label): the reprint form offers exactly the codes the decider accepts, and the auditor's
// timeline names them the same way. Read as JSON data, like ui/forms/kk-values.ts (the domain's entry is Node code).
// eslint-disable-next-line @nx/enforce-module-boundaries -- the domain's reprint reasons (data, no code), one source for API and form
import reasons from '../../../../libs/domain/data/reprint-reasons.json';

export const REPRINT_REASONS: { code: string; label: string }[] = Object.entries(reasons).map(([code, label]) => ({ code, label }));

// The label of a reprint reason code: the domain's (libs/domain shared/event-labels), one copy.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the domain's labels (no code behind them)
export { reprintReasonLabel } from '../../../../libs/domain/src/shared/event-labels';
