import { correctionDeadline, defaultCalendar, fromWib, isOnTheHourWib, startOfWibDay, wibDayOf } from '@adminduk/calendar';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import { actors, DOCUMENT_REQUIREMENTS, sha, signatureData, submitCommand } from '../testing';
import type { CommandActor } from './actor';
import { decide, type ApplicationCommand } from './application.commands';
import { evolve, initialState, type ApplicationEvent, type ApplicationState } from './application.events';
import { applicationSla } from './application-sla';
import type { Channel } from '../catalog/catalog.types';
import { kkKelahiranCatalog } from '../catalog/kk-kelahiran.catalog';

/** The bundled catalog's correction hour (12 in the standard): the one these random streams run under. */
const CORRECTION_HOUR = kkKelahiranCatalog.data.versions[0].correctionDeadline.hourWib;

/**
 * Random command sequences from random actors at random times. Whatever the sequence, the stream the
 * decider accepts keeps the lifecycle's invariants.
 */

const TERMINAL_EVENTS = new Set(['FileReturned', 'KkCollected', 'KkSelfPrinted', 'ApplicationWithdrawn', 'ApplicationRejected']);
const REQUIREMENTS = [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email', 'ijazah'];
/** Link and download ids are UUIDs (they travel in the self-print token). */
const uuidOf = (seq: number) => `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
const COLLECTORS = ['3515121203880001', '3515125907900002', '3515121111800001'];
const ACTOR_POOL: CommandActor[] = Object.values(actors);

type Step = { advanceMinutes: number; advance: boolean; pick: number; actor: number; req: number; flag: boolean };

const stepArb: fc.Arbitrary<Step> = fc.record({
  // Mostly minutes to hours, sometimes days: crosses deadlines, nights, weekends and holidays.
  advanceMinutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 180, max: 3 * 24 * 60 })),
  // A third of the steps take the natural next step, so that sequences often reach the end.
  advance: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
  pick: fc.integer({ min: 0, max: 99 }),
  actor: fc.integer({ min: 0, max: ACTOR_POOL.length - 1 }),
  req: fc.integer({ min: 0, max: REQUIREMENTS.length - 1 }),
  flag: fc.boolean(),
});

/** The commands of one step. The right actor is used most of the time so that sequences get far. */
function commandsFor(step: Step, state: ApplicationState, channel: Channel, seq: number, now: Date): ApplicationCommand[] {
  const right = (fallback: CommandActor) => (step.flag || step.actor % 3 !== 0 ? fallback : ACTOR_POOL[step.actor]);
  const submitter = right(
    channel === 'tatap-muka' ? actors.operator : channel === 'daring-desa' ? actors.villageOfficer : actors.applicant,
  );
  const operator = right(actors.operator);
  const requirementId = REQUIREMENTS[step.req];
  const upload = (r: string, n: number): ApplicationCommand => ({
    type: 'AttachDocument',
    actor: submitter,
    data: {
      documentId: `doc-${seq}-${n}`,
      requirementId: r,
      mediaType: 'application/pdf',
      sizeBytes: 1000 + n,
      sha256: sha(seq * 100 + n),
    },
  });
  // Weighted so that sequences often get far; terminal steps are rare but always possible.
  const p = step.advance ? naturalNextPick(state) : step.pick;
  if (p < 10) return DOCUMENT_REQUIREMENTS.map((r, i) => upload(r, i));
  if (p < 15) return [upload(requirementId, 99)];
  if (p < 30)
    return [
      ...state.requirements
        .filter((r) => r.applicable)
        .map((r): ApplicationCommand => ({ type: 'AcceptRequirement', actor: operator, data: { requirementId: r.id } })),
      { type: 'VerifyData', actor: operator, data: {} },
    ];
  if (p < 34) return [{ type: 'RejectRequirement', actor: operator, data: { requirementId, reason: 'Tidak terbaca' } }];
  if (p < 36) return [{ type: 'RejectData', actor: operator, data: { issues: [{ field: 'newborn.jamLahir', reason: 'Tidak sesuai' }] } }];
  if (p < 41) return [{ type: 'RequestCorrection', actor: operator, data: {} }];
  if (p < 48) {
    const flagged = state.correction?.items.filter((i) => i.requirementId !== 'data').map((i, n) => upload(i.requirementId, 50 + n)) ?? [];
    return [...flagged, { type: 'SubmitCorrection', actor: submitter, data: { changes: { newborn: { jamLahir: '05:10' } } } }];
  }
  if (p < 51) return [{ type: 'ReturnFileAfterMissedDeadline', actor: right(actors.system), data: {} }];
  if (p < 53) return [{ type: 'ReturnFileAtCounter', actor: operator, data: {} }];
  if (p < 63) return [{ type: 'CompleteVerification', actor: operator, data: {} }];
  if (p < 71)
    return [
      {
        type: 'AssignNewbornNik',
        actor: right(actors.system),
        data: { nik: step.req % 4 === 0 ? '3515120301250001' : '3515124301250001' },
      },
    ];
  if (p < 79) {
    const sign: ApplicationCommand = {
      type: 'RecordSignature',
      actor: right(actors.signer),
      data: signatureData(`kk-${seq}`, sha(seq), now),
    };
    // Every third signing is preceded by a failed attempt: a failure never blocks the retry.
    if (step.req % 3 !== 0) return [sign];
    return [
      {
        type: 'RecordSigningFailure',
        actor: right(actors.signer),
        data: { reasonCode: 'SIGNER_UNREACHABLE', reason: 'Layanan TTE tidak dapat dihubungi', retryable: true },
      },
      sign,
    ];
  }
  if (p < 83) return [{ type: 'RecordPrint', actor: operator, data: { workstation: 'LOKET-1' } }];
  if (p < 86)
    return [
      { type: 'IssueSelfPrintLink', actor: right(actors.system), data: { linkId: uuidOf(seq), expiresAt: '2026-12-31T00:00:00.000Z' } },
    ];
  if (p < 88)
    return [
      {
        type: 'RecordSelfPrint',
        actor: right(actors.system),
        data: { linkId: state.selfPrintLinks.at(-1)?.linkId ?? 'none', downloadId: uuidOf(seq) },
      },
    ];
  if (p < 95) return [{ type: 'RecordCollection', actor: operator, data: { collectorNik: COLLECTORS[step.req % COLLECTORS.length] } }];
  if (p < 97) return [{ type: 'WithdrawApplication', actor: submitter, data: {} }];
  // Rejection is refused once signed; revocation only then, so the pair tries whichever fits.
  return [
    { type: 'RejectApplication', actor: operator, data: { reason: 'Alasan' } },
    { type: 'RevokeSignedKk', actor: right(actors.signer), data: { reason: 'KK diterbitkan karena kekeliruan data' } },
  ];
}

/** The pick (see commandsFor) that moves the application along its happy path. */
function naturalNextPick(state: ApplicationState): number {
  if (state.status === 'correction-requested') return 41;
  if (state.status === 'submitted') {
    if (!state.fileCompletedAt) return 0;
    if (state.requirements.some((r) => r.applicable && r.decision !== 'accepted') || state.dataVerification.decision !== 'accepted')
      return 15;
    return 53;
  }
  if (state.status === 'awaiting-signature') return state.newbornNik ? 71 : 63;
  if (state.status === 'signed') return state.printedAt ? 88 : 79;
  return 0;
}

interface Run {
  events: ApplicationEvent[];
  state: ApplicationState;
  end: Date;
}

function play(channel: Channel, startMinute: number, steps: Step[]): Run {
  let now = new Date(fromWib(2025, 1, 3, 0).getTime() + startMinute * 60_000);
  let state = initialState();
  const events: ApplicationEvent[] = [];
  const apply = (cmd: ApplicationCommand, receiptSequence: number) => {
    try {
      const produced = decide(cmd, state, { now, receiptSequence });
      for (const e of produced) state = evolve(state, e);
      events.push(...produced);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e; // anything else is a bug
    }
  };
  apply(
    submitCommand(
      channel,
      channel === 'tatap-muka' && startMinute % 5 === 0 ? { presentedRequirementIds: DOCUMENT_REQUIREMENTS.slice(1) } : {},
    ),
    1,
  );
  steps.forEach((step, i) => {
    now = new Date(now.getTime() + step.advanceMinutes * 60_000);
    for (const cmd of commandsFor(step, state, channel, i, now)) apply(cmd, i + 1);
  });
  return { events, state, end: now };
}

const runArb = fc.tuple(
  fc.constantFrom<Channel>('tatap-muka', 'daring-mandiri', 'daring-desa'),
  fc.integer({ min: 0, max: 300 * 24 * 60 }),
  fc.array(stepArb, { maxLength: 60, size: 'max' }),
);

describe('KK application invariants over random command sequences', () => {
  it('never signed before verified nor twice; a signing failure only before signing; never collected before signed; revoked only once signed, once, nothing handed over after; nothing but a revocation after a terminal state; every correction due 12:00 WIB', () => {
    let signedRuns = 0;
    let revokedRuns = 0;
    let revokedAfterCollectionRuns = 0;
    let signedAfterFailureRuns = 0;
    let collectedRuns = 0;
    fc.assert(
      fc.property(runArb, ([channel, start, steps]) => {
        const { events } = play(channel, start, steps);
        const seen = new Set<string>();
        events.forEach((e, i) => {
          if (e.type === 'KkSigned') expect(seen.has('ApplicationVerified')).toBe(true);
          if (e.type === 'KkSigned') expect(seen.has('NewbornNikAssigned')).toBe(true);
          if (e.type === 'KkSigningFailed') expect(seen.has('KkSigned') || !seen.has('NewbornNikAssigned')).toBe(false);
          if (e.type === 'KkSigned') expect(seen.has('KkSigned')).toBe(false);
          if (e.type === 'KkCollected' || e.type === 'KkPrinted' || e.type === 'KkSelfPrinted' || e.type === 'SelfPrintLinkIssued')
            expect(seen.has('KkSigned')).toBe(true);
          if (TERMINAL_EVENTS.has(e.type))
            expect(
              events
                .slice(i + 1)
                .map((x) => x.type)
                // Besides a revocation, a self-printed KK may be downloaded again, through a new link too.
                .filter((t) => t !== 'KkRevoked' && !(e.type === 'KkSelfPrinted' && ['KkSelfPrinted', 'SelfPrintLinkIssued'].includes(t))),
            ).toEqual([]);
          if (e.type === 'KkRevoked') expect([seen.has('KkSigned'), seen.has('KkRevoked')]).toEqual([true, false]);
          if (['KkPrinted', 'SelfPrintLinkIssued', 'KkSelfPrinted', 'KkCollected'].includes(e.type))
            expect(seen.has('KkRevoked')).toBe(false);
          if (e.type === 'CorrectionRequested') {
            expect(isOnTheHourWib(new Date(e.data.dueAt), CORRECTION_HOUR)).toBe(true);
            expect(e.data.dueAt).toBe(correctionDeadline(new Date(e.data.at), CORRECTION_HOUR).toISOString());
            expect(wibDayOf(new Date(e.data.dueAt))).toBe(wibDayOf(new Date(e.data.at)) + 1);
          }
          if (e.type === 'CorrectionSubmitted') {
            const request = [...events.slice(0, i)].reverse().find((x) => x.type === 'CorrectionRequested');
            expect(request && e.data.at <= (request.data as { dueAt: string }).dueAt).toBe(true);
          }
          if (e.type === 'KkCollected') expect(COLLECTORS.slice(0, 2)).toContain(e.data.collectorNik);
          if (e.type === 'ApplicationWithdrawn' || e.type === 'ApplicationRejected') expect(seen.has('KkSigned')).toBe(false);
          seen.add(e.type);
        });
        if (seen.has('KkSigned')) signedRuns++;
        if (seen.has('KkSigned') && seen.has('KkSigningFailed')) signedAfterFailureRuns++;
        if (seen.has('KkCollected')) collectedRuns++;
        if (seen.has('KkRevoked')) revokedRuns++;
        if (seen.has('KkRevoked') && seen.has('KkCollected')) revokedAfterCollectionRuns++;
      }),
      { numRuns: 400 },
    );
    // The generator must reach the end of the lifecycle often enough for the checks above to bite.
    if (process.env.PROP_STATS) console.log({ signedRuns, collectedRuns, revokedRuns, revokedAfterCollectionRuns });
    expect(signedRuns).toBeGreaterThan(80);
    expect(signedAfterFailureRuns).toBeGreaterThan(10);
    expect(collectedRuns).toBeGreaterThan(50);
    expect(revokedRuns).toBeGreaterThan(30);
    expect(revokedAfterCollectionRuns).toBeGreaterThan(10);
  });

  it('the SLA clock never counts paused time or non-working days', () => {
    fc.assert(
      fc.property(runArb, ([channel, start, steps]) => {
        const { state, end } = play(channel, start, steps);
        if (!state.fileCompletedAt) return;
        const sla = applicationSla(state, end);
        if (!sla) throw new Error('a complete file has an SLA');
        // Independent computation: working time from the day after completion to the horizon, minus
        // the working time inside each pause (pauses never overlap: one correction at a time).
        const from = startOfWibDay(wibDayOf(new Date(state.fileCompletedAt)) + 1);
        const horizon = new Date(Math.min(end.getTime(), Date.parse(state.signedAt ?? state.closedAt ?? end.toISOString())));
        const total = from < horizon ? defaultCalendar.workingTimeBetween(from, horizon) : 0;
        const paused = state.pauses.reduce((sum, p) => {
          const s = new Date(Math.max(Date.parse(p.from), from.getTime()));
          const e = new Date(Math.min(p.to ? Date.parse(p.to) : end.getTime(), horizon.getTime()));
          return s < e ? sum + defaultCalendar.workingTimeBetween(s, e) : sum;
        }, 0);
        expect(sla.elapsedMs).toBe(total - paused);
        expect(sla.breached).toBe(sla.elapsedMs > sla.budgetMs || horizon > sla.dueAt);
        // Nothing counts while paused: the clock reads the same at both ends of every closed pause.
        for (const p of state.pauses.filter((x) => x.to)) {
          expect(applicationSla(state, new Date(p.to as string))?.elapsedMs).toBe(applicationSla(state, new Date(p.from))?.elapsedMs);
        }
      }),
      { numRuns: 300 },
    );
  });
});
