import type { RecordedEvent } from '@adminduk/event-store';
import { eventSubject } from './event-subject';

const base = {
  streamId: 'application-0193abc',
  revision: 2,
  position: { commit: 9007199254740993n, prepare: 7n },
  type: 'KkApplicationSubmitted',
  data: { channel: 'counter' },
  metadata: {
    eventId: '0c7f2d0e-5c1a-4c0e-9a36-3f0c2b1f9a11',
    occurredAt: '2026-11-28T01:00:00.000Z',
    schemaVersion: 1,
    correlationId: 'c1',
    kecamatan: '35.15.12',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  },
} satisfies RecordedEvent;

describe('eventSubject', () => {
  it('routes by kecamatan digits, stream category and type', () => {
    expect(eventSubject(base)).toBe('evt.351512.application.KkApplicationSubmitted');
    expect(eventSubject(base, 'x.evt')).toBe('x.evt.351512.application.KkApplicationSubmitted');
  });

  it('uses _ where the event has no kecamatan', () => {
    expect(eventSubject({ ...base, metadata: { ...base.metadata, kecamatan: undefined } })).toBe(
      'evt._.application.KkApplicationSubmitted',
    );
  });

  it('never lets a type or category add tokens or wildcards', () => {
    expect(eventSubject({ ...base, streamId: 'a.b*-1', type: 'x.y >z' })).toBe('evt.351512.a_b_.x_y__z');
  });
});
