import { randomUUID } from 'node:crypto';
import type { EventMetadataInput, NewEvent } from '@adminduk/event-store';

/** Shared pieces of the benchmarks: a realistic small event and rounding. */

export function sampleEvent(i: number, metadata: Partial<EventMetadataInput> = {}): NewEvent {
  return {
    type: 'KkApplicationSubmitted',
    data: { applicationId: randomUUID(), service: 'kk-birth', channel: 'counter', seq: i },
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      correlationId: randomUUID(),
      actor: { userId: 'bench-user', role: 'operator-kecamatan', kecamatan: '35.15.12' },
      kecamatan: '35.15.12',
      ...metadata,
    },
  };
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
