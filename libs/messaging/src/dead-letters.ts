import type { JetStreamManager, NatsConnection, PubAck, StoredMsg } from 'nats';

interface DirectGet {
  getMessage(stream: string, query: { seq: number; next_by_subj: string }): Promise<StoredMsg>;
}
import { deadLetterSubject, recordToHeaders, replaySubject, type DeadLetterRecord, type ReplayRecord } from './dead-letter-record';

export interface DeadLetter {
  /** Sequence in the dead-letter stream: the handle for `replay`. */
  seq: number;
  storedAt: Date;
  record: DeadLetterRecord;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  /** Pass as `fromSeq` for the next page; absent on the last page. */
  nextSeq?: number;
}

export interface ReplayResult {
  deadLetterSeq: number;
  republished: PubAck;
}

/** Headers naming a replayed message, so handlers and audits can tell it from the first delivery. */
export const REPLAY_OF_HEADER = 'Adminduk-Replay-Of';
export const ORIGINAL_MSG_ID_HEADER = 'Adminduk-Original-Msg-Id';

/**
 * Operator tools over the dead-letter stream. Replay republishes the original subject, data and
 * headers into the original stream, so every consumer filtering that subject sees it again:
 * handlers must be idempotent (they are anyway under at-least-once delivery).
 */
export class DeadLetters {
  constructor(
    private readonly nc: NatsConnection,
    private readonly deadLetters: { name: string; subjectPrefix: string },
  ) {}

  async list(opts: { consumer?: string; fromSeq?: number; limit?: number } = {}): Promise<DeadLetterPage> {
    const jsm = await this.nc.jetstreamManager();
    // Direct get on a missing stream only times out; ask first for a clear "stream not found".
    await jsm.streams.info(this.deadLetters.name);
    const filter = deadLetterSubject(this.deadLetters.subjectPrefix, opts.consumer ?? '*');
    const limit = Math.max(1, opts.limit ?? 50);
    const items: DeadLetter[] = [];
    let cursor = Math.max(1, opts.fromSeq ?? 1);
    while (items.length < limit) {
      const m = await nextBySubject(jsm, this.deadLetters.name, cursor, filter);
      if (!m) return { items };
      items.push({ seq: m.seq, storedAt: m.time, record: m.json<DeadLetterRecord>() });
      cursor = m.seq + 1;
    }
    // One look ahead, so the last page says it is the last.
    const more = await nextBySubject(jsm, this.deadLetters.name, cursor, filter);
    return more ? { items, nextSeq: more.seq } : { items };
  }

  async get(seq: number): Promise<DeadLetter> {
    const jsm = await this.nc.jetstreamManager();
    const m = await jsm.streams.getMessage(this.deadLetters.name, { seq });
    if (!m.subject.startsWith(`${this.deadLetters.subjectPrefix}.dead.`)) {
      throw new Error(`Message ${seq} in ${this.deadLetters.name} is not a dead letter (${m.subject})`);
    }
    return { seq: m.seq, storedAt: m.time, record: m.json<DeadLetterRecord>() };
  }

  /** Republishes the original, records the replay, then removes the dead letter. */
  async replay(seq: number): Promise<ReplayResult> {
    const { record } = await this.get(seq);
    const js = this.nc.jetstream();
    const hdrs = recordToHeaders(record.headers, ['Nats-Msg-Id', 'Nats-Expected-Stream']);
    hdrs.set(REPLAY_OF_HEADER, `${this.deadLetters.name}/${seq}`);
    const originalId = record.headers['Nats-Msg-Id']?.[0];
    if (originalId) hdrs.set(ORIGINAL_MSG_ID_HEADER, originalId);
    // A fresh msg id: the original one may still be inside the duplicate window. Replaying the same
    // dead letter twice within the window stores it once.
    const republished = await js.publish(record.subject, Buffer.from(record.data, 'base64'), {
      msgID: `replay:${this.deadLetters.name}:${seq}`,
      headers: hdrs,
      expect: { streamName: record.stream },
    });
    const replay: ReplayRecord = {
      consumer: record.consumer,
      deadLetterSequence: seq,
      republishedTo: { stream: republished.stream, seq: republished.seq, duplicate: republished.duplicate },
      replayedAt: new Date().toISOString(),
    };
    await js.publish(replaySubject(this.deadLetters.subjectPrefix, record.consumer), JSON.stringify(replay), {
      msgID: `replayed:${this.deadLetters.name}:${seq}`,
    });
    const jsm = await this.nc.jetstreamManager();
    await jsm.streams.deleteMessage(this.deadLetters.name, seq, false);
    return { deadLetterSeq: seq, republished };
  }
}

async function nextBySubject(jsm: JetStreamManager, stream: string, seq: number, subject: string) {
  try {
    // The manager has `direct` at run time; its published interface leaves it out.
    const direct = (jsm as JetStreamManager & { direct: DirectGet }).direct;
    return await direct.getMessage(stream, { seq, next_by_subj: subject });
  } catch (e) {
    if (/no message found|not found/i.test(e instanceof Error ? e.message : String(e))) return null;
    throw e;
  }
}
