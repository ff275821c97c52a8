import { randomUUID } from 'node:crypto';
import {
  applicationStreamId,
  complaintStreamId,
  domainTesting,
  foldApplication,
  foldComplaint,
  type ApplicationEvent,
  type ComplaintEvent,
} from '@adminduk/domain';
import { GENESIS_HASH, sealMetadata, type RecordedEvent } from '@adminduk/event-store';
import { diffStates, formatDiff } from './state-diff';
import { parsePoint, stateAt } from './point-in-time';
import { formatTimeline, timelineOf, wibStamp } from './timeline';

/** A scenario's events as a store records them: sealed in a hash chain, one minute apart. */
function recorded(
  applicationId: string,
  events: Array<ApplicationEvent | ComplaintEvent>,
  streamId = applicationStreamId(applicationId),
): RecordedEvent[] {
  let prev = GENESIS_HASH;
  return events.map((e, revision) => {
    const metadata = {
      eventId: randomUUID(),
      occurredAt: new Date(Date.UTC(2026, 2, 3, 2, revision)).toISOString(),
      schemaVersion: e.schemaVersion,
      correlationId: 'c',
      actor: { userId: 'op-1', role: 'operator-kecamatan' },
    };
    const sealed = sealMetadata({ streamId, revision, type: e.type, data: e.data, metadata }, prev);
    prev = sealed.hash;
    return { streamId, revision, position: { commit: BigInt(revision), prepare: 0n }, type: e.type, data: e.data, metadata: sealed };
  });
}

describe('history, state at a point, and the diff between two', () => {
  const id = randomUUID();
  const scenario = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik().signingFails();
  const events = recorded(id, scenario.events);

  it('words each event by the domain`s label, in WIB, with who and why, and marks an edited one', () => {
    const t = timelineOf(applicationStreamId(id), events);
    expect(t.entries[0]).toMatchObject({
      revision: 0,
      label: 'Permohonan diajukan',
      occurredAtWib: '2026-03-03 09.00.00 WIB',
      hashStatus: 'ok',
    });
    expect(t.entries[0].actor).toEqual({ userId: 'op-1', role: 'operator-kecamatan' });
    expect(t.firstBroken).toBeNull();

    const tampered = structuredClone(events);
    const target = tampered.findIndex((e) => e.type === 'RequirementAccepted');
    (tampered[target].data as { requirementId: string }).requirementId = 'lain';
    const broken = timelineOf(applicationStreamId(id), tampered);
    expect(broken.entries.filter((e) => e.hashStatus !== 'ok').map((e) => e.revision)).toEqual([target]);
    expect(broken.firstBroken).toEqual({ revision: target, eventId: tampered[target].metadata.eventId, mark: 'altered' });
    const text = formatTimeline(broken);
    expect(text).toContain('DIUBAH');
    expect(text).toContain(
      `Rantai hash TIDAK UTUH: kejadian revisi ${target} (id ${tampered[target].metadata.eventId}) diubah setelah dicatat.`,
    );
  });

  it('folds the state at every revision exactly as the domain folds that prefix', () => {
    for (let n = 0; n < events.length; n++) {
      expect(stateAt(applicationStreamId(id), events, { revision: n }).state).toEqual(foldApplication(scenario.events.slice(0, n + 1)));
    }
    expect(() => stateAt(applicationStreamId(id), events, { revision: events.length })).toThrow(/no revision/);
  });

  it('reads a point as a revision or a time (WIB without an offset) and folds what had happened by then', () => {
    expect(parsePoint('4')).toEqual({ revision: 4 });
    expect(parsePoint('2026-03-03T09:02:30')).toEqual({ at: new Date('2026-03-03T02:02:30Z') });
    expect(parsePoint('2026-03-03T02:02:30Z')).toEqual({ at: new Date('2026-03-03T02:02:30Z') });
    expect(() => parsePoint('kemarin')).toThrow(RangeError);
    const at = stateAt(applicationStreamId(id), events, parsePoint('2026-03-03T09:02:30'));
    expect(at.revision).toBe(2);
    expect(stateAt(applicationStreamId(id), events, parsePoint('2026-03-02')).revision).toBeNull();
  });

  it('diffs two states leaf by leaf, matching requirements by id', () => {
    const before = stateAt(applicationStreamId(id), events, { revision: 0 }).state;
    const after = stateAt(applicationStreamId(id), events, { revision: 1 }).state;
    const changes = diffStates(before, after);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(c.path).not.toMatch(/^requirements\[\d+\]/);
    expect(diffStates({ a: 1, r: [{ id: 'x', d: 'p' }] }, { a: 2, b: 3, r: [{ id: 'x', d: 'ok' }] })).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'b', kind: 'added', after: 3 },
      { path: 'r[x].d', kind: 'changed', before: 'p', after: 'ok' },
    ]);
    expect(formatDiff([{ path: 'status', kind: 'changed', before: 'submitted', after: 'verified' }])).toBe(
      '~ status: "submitted" -> "verified"\n',
    );
    expect(formatDiff([])).toBe('Tidak ada perubahan.\n');
  });

  it('a complaint`s timeline and state, by the same labels and its own fold', () => {
    const by = { userId: 'pengaduan-1', role: 'petugas-pengaduan' };
    const complaint: ComplaintEvent[] = [
      {
        type: 'ComplaintReceived',
        schemaVersion: 1,
        data: {
          complaintId: 'c-1',
          kind: 'pengaduan',
          category: 'pungutan-liar',
          channel: 'lapor-sms-1708',
          summary: 'Diminta uang untuk KK',
          description: 'Petugas meminta uang agar KK cepat selesai.',
          kecamatan: '35.15.12',
          receivedBy: by,
          at: '2026-12-01T02:00:00.000Z',
          verifyBy: '2026-12-04T02:00:00.000Z',
        } as never,
      },
      {
        type: 'ComplaintDisposed',
        schemaVersion: 1,
        data: { unit: 'Seksi Pelayanan Umum', by, at: '2026-12-02T02:00:00.000Z' },
      } as ComplaintEvent,
    ];
    const events = recorded('c-1', complaint, complaintStreamId('c-1'));
    expect(timelineOf(complaintStreamId('c-1'), events).entries.map((e) => e.label)).toEqual([
      'Pengaduan diterima',
      'Pengaduan didisposisikan',
    ]);
    expect(stateAt(complaintStreamId('c-1'), events, { revision: 0 }).state).toEqual(foldComplaint(complaint.slice(0, 1)));
  });

  it('stamps an instant in WIB to the second', () => {
    expect(wibStamp(new Date('2026-12-31T17:05:09Z'))).toBe('2027-01-01 00.05.09 WIB');
  });
});
