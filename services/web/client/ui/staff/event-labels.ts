// The domain's one list of event labels and reasons (a module importing only domain data), shared with `adminduk history`.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the domain's labels (no code behind them), one source for web and CLI
export { EVENT_LABELS, eventLabel, eventReason } from '../../../../../libs/domain/src/shared/event-labels';

/** Which requirement an event is about, by the catalog's label (`labels`), when it names one. */
export function eventSubject(data: unknown, labels: ReadonlyMap<string, string>): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  return typeof d.requirementId === 'string' ? (labels.get(d.requirementId) ?? d.requirementId) : null;
}
