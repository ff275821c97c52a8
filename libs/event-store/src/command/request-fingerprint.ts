import { createHash } from 'node:crypto';
import { canonicalJson } from '../envelope/hash-chain';

/**
 * What a keyed request asks, as a SHA-256 (hex) of the canonical JSON of the target stream and the
 * command without its actor: the same command type and data on the same stream give the same
 * fingerprint whatever the key order; who asks is not part of it, because the event ids a key
 * produces are already the caller's own (decision 8).
 */
export function requestFingerprint(streamId: string, command: unknown): string {
  let asked = command;
  if (asked !== null && typeof asked === 'object' && !Array.isArray(asked) && 'actor' in asked) {
    const { actor: _actor, ...rest } = asked as Record<string, unknown>;
    asked = rest;
  }
  return createHash('sha256')
    .update(canonicalJson({ stream: streamId, command: asked }))
    .digest('hex');
}
