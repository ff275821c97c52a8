import { recordCommand, type CommandOutcomeLabel } from '@adminduk/observability';
import { IdempotencyKeyReusedError, WrongExpectedStateError } from '../errors';

/**
 * Counts a command by type and outcome (`commands_total`) and times it (`command_duration_seconds`).
 * Wraps the one command handler, so every writer (application commands, signing, documents, the
 * platform's own commands) is counted the same way.
 */
export async function observeCommand<T extends { replayed: boolean; events: readonly unknown[] }>(
  command: unknown,
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const type = (command as { type?: unknown } | undefined)?.type;
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const outcome = await run();
    recordCommand(type, outcome.replayed ? 'replayed' : outcome.events.length === 0 ? 'unchanged' : 'accepted', seconds());
    return outcome;
  } catch (e) {
    recordCommand(type, outcomeOfError(e), seconds());
    throw e;
  }
}

function outcomeOfError(e: unknown): CommandOutcomeLabel {
  if (e instanceof WrongExpectedStateError) return 'conflict';
  if (e instanceof IdempotencyKeyReusedError) return 'key_reused';
  // The decider's refusal. The store does not depend on the domain, so it knows the error by name.
  if (e instanceof Error && e.name === 'DomainError') return 'refused';
  return 'failed';
}
