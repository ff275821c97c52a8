import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EventMetadataInput, NewEvent } from '@adminduk/event-store';

/** Shared pieces of the benchmarks: a realistic small event, rounding, a process's peak memory. */

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

/**
 * The peak resident memory of a live process so far, in MB (VmHWM from /proc, Linux): what a
 * replica of that service needs under the bench's load (docs/scaling.md). Null where unreadable.
 */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Math.round(Number(kb[1]) / 1024) : null;
  } catch {
    return null;
  }
}
