import { domainTesting, type ApplicationState } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { eventsByApplication, foldApplication } from './application-fold';
import { recordedEvent } from './testing/recorded-event';

const A = '0f1e2d3c-0000-4000-8000-00000000000a';
const B = '0f1e2d3c-0000-4000-8000-00000000000b';

/** A tatap-muka application submitted and its documents checked: several events, each a state change. */
function history(applicationId: string, firstCommit: bigint): RecordedEvent[] {
  const s = new domainTesting.KkScenario('tatap-muka').submit().acceptAll();
  return s.events.map((e, revision) => recordedEvent(applicationId, revision, firstCommit + BigInt(revision), e));
}

describe('folding a batch of application events (the application view and statistics projections)', () => {
  it('groups the batch by application in its order and drops other categories', () => {
    const a = history(A, 1n);
    const b = history(B, 100n);
    const other = { ...a[0], streamId: 'complaint-x' };
    const grouped = eventsByApplication([a[0], b[0], other, a[1], b[1]]);
    expect([...grouped.keys()]).toEqual([A, B]);
    expect(grouped.get(A)!.map((e) => e.revision)).toEqual([0, 1]);
    expect(grouped.get(B)!.map((e) => e.revision)).toEqual([0, 1]);
  });

  it('folds what is new onto the stored state and skips redelivered events', () => {
    const events = history(A, 1n);
    const whole = foldApplication('test', undefined, events)!;
    const firstTwo = foldApplication('test', undefined, events.slice(0, 2))!;
    const stored = { revision: firstTwo.revision, state: JSON.parse(JSON.stringify(firstTwo.state)) as Record<string, unknown> };
    const steps: ApplicationState[] = [];
    const resumed = foldApplication('test', stored, events, (_, after) => steps.push(after))!;
    expect(resumed.revision).toBe(events.length - 1);
    expect(resumed.state.status).toEqual(whole.state.status);
    expect(steps).toHaveLength(events.length - 2);
    expect(resumed.at.toISOString()).toBe(events.at(-1)!.metadata.occurredAt);
    expect(foldApplication('test', { revision: resumed.revision, state: {} }, events)).toBeNull();
  });

  it('refuses to fold past a missing revision, naming the projection and the stream', () => {
    const events = history(A, 1n);
    expect(() => foldApplication('statistics', undefined, [events[0], events[2]])).toThrow(
      /statistics: application-.* jumps from revision 0 to 2/,
    );
  });
});
