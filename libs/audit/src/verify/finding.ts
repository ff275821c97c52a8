/**
 * What `adminduk audit verify` reports: one finding per altered, missing, inserted or reordered
 * event, or per checkpoint the log no longer matches. Ids and hashes only: never the event's data.
 */
export type FindingKind =
  | 'altered' // the event's content no longer hashes to its stored hash (data, metadata or type edited)
  | 'broken-link' // its prevHash is not its predecessor's hash (a hash column rewritten)
  | 'missing' // a revision absent from its stream (deleted)
  | 'reordered' // stored under another revision than the one it was hashed with (swapped)
  | 'inserted' // an event no signed checkpoint knew of, inside a checkpointed range
  | 'checkpoint-mismatch' // the log up to a checkpoint no longer has its size or Merkle root
  | 'checkpoint-signature'; // a checkpoint whose signature does not verify with the trusted keys

export interface Finding {
  kind: FindingKind;
  streamId?: string;
  revision?: number;
  /** Global position, commit/prepare. */
  position?: string;
  eventId?: string;
  /** Tree size of the checkpoint concerned. */
  checkpoint?: number;
  detail: string;
}

export function formatFinding(f: Finding): string {
  const where = [
    f.streamId !== undefined ? `stream ${f.streamId}` : '',
    f.revision !== undefined ? `revision ${f.revision}` : '',
    f.position ? `position ${f.position}` : '',
    f.eventId ? `event ${f.eventId}` : '',
    f.checkpoint !== undefined ? `checkpoint ${f.checkpoint}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${f.kind.toUpperCase()}: ${where}: ${f.detail}`;
}
