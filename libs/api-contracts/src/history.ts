/**
 * GET /api/applications/{id}/history (services/gateway): an application's stream, every event with
 * its verdict in the hash chain. Read by the auditor's timeline (services/web) and `adminduk history`
 * through the API (tools/adminduk). The verdicts are libs/event-store's (chainMarks, verifyChain), as
 * the gateway reports them: the gateway's compiler checks that they still fit.
 */

/** One event's own verdict in its stream's chain (libs/event-store ChainMark). */
export type HashStatus = 'ok' | 'altered' | 'broken-link';

/** The first event that is not intact (libs/event-store BrokenEvent). */
export interface BrokenEvent {
  revision: number;
  eventId: string;
  mark: Exclude<HashStatus, 'ok'>;
}

/** Why the stream's chain is not intact (libs/event-store verifyChain). */
export type ChainProblem =
  | { kind: 'revision-gap'; expected: number; found: number }
  | { kind: 'broken-link'; revision: number }
  | { kind: 'altered'; revision: number };

export interface HistoryEntry {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actor?: { userId: string; role: string };
  /** Absent where the event carries personal data and the reader is not the auditor. */
  data?: unknown;
  /** Set on events that carry personal data: shown (the auditor, access recorded) or masked. */
  personalData?: 'shown' | 'masked';
  hash: string;
  hashStatus: HashStatus;
}

export interface ApplicationHistory {
  entries: HistoryEntry[];
  chainIntact: boolean;
  chainProblem: ChainProblem | null;
  /** The first event that is not intact, by revision and event id; null when the chain is intact. */
  firstBroken: BrokenEvent | null;
}
