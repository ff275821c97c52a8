import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from its inputs (version nibble 8: "custom"). Commands use it so that a
 * retried command produces the same event ids and the same new stream id, which makes the retry a
 * no-op in the store instead of a second application.
 */
export function deterministicUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
