import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from './event-envelope';
import { chainMarks } from './chain-marks';
import { GENESIS_HASH, sealMetadata } from './hash-chain';

function stream(n: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let revision = 0; revision < n; revision++) {
    const metadata = { eventId: randomUUID(), occurredAt: '2026-11-28T01:00:00.000Z', schemaVersion: 1, correlationId: 'c-1' };
    const e = { streamId: 'application-1', revision, type: `E${revision}`, data: { i: revision }, metadata };
    const sealed = sealMetadata(e, prev);
    events.push({ ...e, position: { commit: BigInt(revision + 10), prepare: 0n }, metadata: sealed });
    prev = sealed.hash;
  }
  return events;
}

describe('chainMarks', () => {
  it('marks every event of an intact stream ok and names nothing', () => {
    expect(chainMarks(stream(4))).toEqual({ marks: ['ok', 'ok', 'ok', 'ok'], firstBroken: null });
    expect(chainMarks([])).toEqual({ marks: [], firstBroken: null });
  });

  it('marks an event edited in place as altered and names it by revision and event id; its neighbours stay ok', () => {
    const events = stream(4);
    (events[2].data as { i: number }).i = 99;
    expect(chainMarks(events)).toEqual({
      marks: ['ok', 'ok', 'altered', 'ok'],
      firstBroken: { revision: 2, eventId: events[2].metadata.eventId, mark: 'altered' },
    });
  });

  it('marks the event after a removed one as a broken link', () => {
    const events = stream(4).filter((e) => e.revision !== 1);
    const { marks, firstBroken } = chainMarks(events);
    expect(marks).toEqual(['ok', 'broken-link', 'ok']);
    expect(firstBroken).toEqual({ revision: 2, eventId: events[1].metadata.eventId, mark: 'broken-link' });
  });

  it('marks an edit whose hash was forged as breaking the next link', () => {
    const events = stream(3);
    (events[1].data as { i: number }).i = 7;
    events[1].metadata = sealMetadata(events[1], events[1].metadata.prevHash);
    expect(chainMarks(events).marks).toEqual(['ok', 'ok', 'broken-link']);
  });

  it('marks a swapped pair', () => {
    const events = stream(4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(chainMarks(events).marks).toEqual(['ok', 'broken-link', 'broken-link', 'broken-link']);
  });
});
