import { encodeWireEvent, wirePosition } from './wire-format';
import type { RecordedEvent } from './event-envelope';

const event = (over: Partial<RecordedEvent> = {}): RecordedEvent => ({
  streamId: 'application-1',
  revision: 3,
  position: { commit: 987654321n, prepare: 42n },
  type: 'Something',
  data: { position: '1/1', note: '"position":"5/5"' },
  metadata: { eventId: 'e', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1, correlationId: 'c', prevHash: '', hash: '' },
  ...over,
});

describe('wirePosition: the position of a wire event without parsing it all', () => {
  it('reads the event position, not a "position" inside the stream id or data', () => {
    expect(wirePosition(encodeWireEvent(event()))).toEqual({ commit: 987654321n, prepare: 42n });
    expect(wirePosition(encodeWireEvent(event({ streamId: 'x-"position":"7/7"' })))).toEqual({ commit: 987654321n, prepare: 42n });
  });

  it('falls back to a full parse when the position is not among the opening bytes', () => {
    const reordered = { streamId: 'a'.repeat(500), revision: 0, type: 'T', data: {}, metadata: {}, position: '12/34' };
    expect(wirePosition(new TextEncoder().encode(JSON.stringify(reordered)))).toEqual({ commit: 12n, prepare: 34n });
  });
});
