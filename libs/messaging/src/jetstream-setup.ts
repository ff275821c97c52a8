import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';

export interface StreamSpec {
  name: string;
  subjects: string[];
  /** Messages with the same Nats-Msg-Id inside this window are stored once. */
  duplicateWindowMs: number;
  /** Direct get lets the dead-letter tools page through a stream without a consumer. */
  allowDirect?: boolean;
  /**
   * Messages older than this are dropped (absent: kept forever). The event stream is a copy of
   * the store for the consumers, not a second log: bounded, it does not grow with history.
   */
  maxAgeMs?: number;
}

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  /** One filter per consumer: NATS 2.9 has no `filter_subjects`; wildcards are fine. */
  filterSubject: string;
  /** Total deliveries before the message goes to the dead-letter stream. */
  maxDeliver: number;
  /** How long a handler may run before the server redelivers. */
  ackWaitMs: number;
  /** In-flight limit per consumer; 1 keeps strict order across replicas too. */
  maxAckPending?: number;
}

/** Names the platform's two streams; tests pass unique names so suites never share them. */
export interface MessagingTopology {
  events: StreamSpec;
  deadLetters: StreamSpec & { subjectPrefix: string };
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

export function messagingTopology(
  opts: { eventsStream?: string; eventsSubjectPrefix?: string; deadLetterStream?: string; deadLetterSubjectPrefix?: string } = {},
): MessagingTopology {
  const evt = opts.eventsSubjectPrefix ?? 'evt';
  const dlq = opts.deadLetterSubjectPrefix ?? 'dlq';
  return {
    events: { name: opts.eventsStream ?? 'EVENTS', subjects: [`${evt}.>`], duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS },
    deadLetters: {
      name: opts.deadLetterStream ?? 'DEAD_LETTERS',
      subjects: [`${dlq}.>`],
      subjectPrefix: dlq,
      duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
      allowDirect: true,
    },
  };
}

/**
 * Creates or updates streams and durable pull consumers; safe to run at every start, by every
 * replica at once (a lost create race falls back to update).
 */
export async function ensureJetStream(
  nc: NatsConnection,
  spec: { streams?: StreamSpec[]; consumers?: DurableConsumerSpec[] },
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for (const s of spec.streams ?? []) await ensureStream(jsm, s);
  for (const c of spec.consumers ?? []) await ensureConsumer(jsm, c);
}

export async function ensureStream(jsm: JetStreamManager, s: StreamSpec): Promise<void> {
  const config = {
    subjects: s.subjects,
    duplicate_window: nanos(s.duplicateWindowMs),
    allow_direct: s.allowDirect ?? false,
    max_age: s.maxAgeMs ? nanos(s.maxAgeMs) : 0,
  };
  if (await exists(() => jsm.streams.info(s.name))) {
    await jsm.streams.update(s.name, config);
    return;
  }
  try {
    await jsm.streams.add({
      name: s.name,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      ...config,
    });
  } catch (e) {
    if (!isAlreadyInUse(e)) throw e;
    await jsm.streams.update(s.name, config);
  }
}

export async function ensureConsumer(jsm: JetStreamManager, c: DurableConsumerSpec): Promise<void> {
  const updatable = {
    filter_subject: c.filterSubject,
    max_deliver: c.maxDeliver,
    ack_wait: nanos(c.ackWaitMs),
    max_ack_pending: c.maxAckPending ?? 1000,
  };
  if (await exists(() => jsm.consumers.info(c.stream, c.durable))) {
    await jsm.consumers.update(c.stream, c.durable, updatable);
    return;
  }
  try {
    await jsm.consumers.add(c.stream, {
      durable_name: c.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ...updatable,
    });
  } catch (e) {
    if (!isAlreadyInUse(e)) throw e;
    await jsm.consumers.update(c.stream, c.durable, updatable);
  }
}

async function exists(info: () => Promise<unknown>): Promise<boolean> {
  try {
    await info();
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

function isNotFound(e: unknown): boolean {
  return /not found/i.test(e instanceof Error ? e.message : String(e));
}

function isAlreadyInUse(e: unknown): boolean {
  return /already in use|already exists/i.test(e instanceof Error ? e.message : String(e));
}
