import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** What the dead-letter stream keeps about a message that kept failing (JSON in `dlq.dead.<consumer>`). */
export interface DeadLetterRecord {
  consumer: string;
  /** The stream the original message came from, and where a replay goes. */
  stream: string;
  streamSequence: number;
  subject: string;
  /** Original payload, base64, so any bytes survive. */
  data: string;
  headers: Record<string, string[]>;
  error: string;
  deliveryCount: number;
  failedAt: string;
}

/** Written to `dlq.replayed.<consumer>` when an operator replays a dead letter. */
export interface ReplayRecord {
  consumer: string;
  deadLetterSequence: number;
  republishedTo: { stream: string; seq: number; duplicate: boolean };
  replayedAt: string;
}

export function deadLetterSubject(prefix: string, consumer: string): string {
  return `${prefix}.dead.${consumer}`;
}

export function replaySubject(prefix: string, consumer: string): string {
  return `${prefix}.replayed.${consumer}`;
}

export function headersToRecord(h: MsgHdrs | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!h) return out;
  for (const k of h.keys()) out[k] = h.values(k);
  return out;
}

export function recordToHeaders(r: Record<string, string[]>, drop: readonly string[] = []): MsgHdrs {
  const h = natsHeaders();
  for (const [k, values] of Object.entries(r)) {
    if (drop.some((d) => d.toLowerCase() === k.toLowerCase())) continue;
    for (const v of values) h.append(k, v);
  }
  return h;
}
