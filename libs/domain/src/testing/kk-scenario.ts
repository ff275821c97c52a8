import { decide, type ApplicationCommand, type DecideContext } from '../application/application.commands';
import { evolve, initialState, type ApplicationEvent, type ApplicationState } from '../application/application.events';
import type { Channel } from '../catalog/catalog.types';
import type { ReprintReason } from '../application/decide/printing';
import { actors, DOCUMENT_REQUIREMENTS, MONDAY_0900, sha, signatureData, SUBMITTER, submitCommand } from './kk-fixtures';

/**
 * Builds a realistic event history by running real commands through decide + evolve, so tests start
 * from states the decider itself can reach. Each step advances the clock by `stepMs`.
 */
export class KkScenario {
  events: ApplicationEvent[] = [];
  state: ApplicationState = initialState();
  now: Date;
  private documentSeq = 0;
  /** Context every step runs with (e.g. a modified catalog); a step's own context wins. */
  private context: Partial<DecideContext> = {};

  constructor(
    readonly channel: Channel,
    start: Date = MONDAY_0900,
    private readonly stepMs = 10 * 60_000,
  ) {
    this.now = new Date(start.getTime());
  }

  run(command: ApplicationCommand, context: Partial<DecideContext> = {}): ApplicationEvent[] {
    const produced = decide(command, this.state, { now: this.now, ...this.context, ...context });
    for (const e of produced) this.state = evolve(this.state, e);
    this.events.push(...produced);
    this.now = new Date(this.now.getTime() + this.stepMs);
    return produced;
  }

  withContext(context: Partial<DecideContext>): this {
    this.context = { ...this.context, ...context };
    return this;
  }

  at(instant: Date): this {
    this.now = new Date(instant.getTime());
    return this;
  }

  submit(overrides: Parameters<typeof submitCommand>[1] = {}): this {
    this.run(submitCommand(this.channel, overrides));
    return this;
  }

  upload(requirementId: string): this {
    this.documentSeq++;
    this.run({
      type: 'AttachDocument',
      actor: SUBMITTER[this.channel],
      data: {
        documentId: `doc-${this.documentSeq}`,
        requirementId,
        mediaType: 'application/pdf',
        sizeBytes: 200_000 + this.documentSeq,
        sha256: sha(this.documentSeq),
      },
    });
    return this;
  }

  uploadAll(): this {
    for (const r of DOCUMENT_REQUIREMENTS) this.upload(r);
    return this;
  }

  acceptAll(): this {
    for (const r of this.state.requirements.filter((x) => x.applicable && x.decision !== 'accepted')) {
      this.run({ type: 'AcceptRequirement', actor: actors.operator, data: { requirementId: r.id } });
    }
    if (this.state.dataVerification.decision !== 'accepted') this.run({ type: 'VerifyData', actor: actors.operator, data: {} });
    return this;
  }

  reject(requirementId: string, reason = 'Hasil scan tidak terbaca'): this {
    this.run({ type: 'RejectRequirement', actor: actors.operator, data: { requirementId, reason } });
    return this;
  }

  requestCorrection(): this {
    this.run({ type: 'RequestCorrection', actor: actors.operator, data: {} });
    return this;
  }

  verify(receiptSequence = 7): this {
    this.run({ type: 'CompleteVerification', actor: actors.operator, data: {} }, { receiptSequence });
    return this;
  }

  assignNik(nik = '3515124301250001'): this {
    this.run({ type: 'AssignNewbornNik', actor: actors.system, data: { nik } });
    return this;
  }

  signingFails(reasonCode = 'SIGNER_UNREACHABLE', retryable = true): this {
    this.run({
      type: 'RecordSigningFailure',
      actor: actors.signer,
      data: { reasonCode, reason: 'Layanan TTE tidak dapat dihubungi', retryable },
    });
    return this;
  }

  sign(): this {
    this.run({ type: 'RecordSignature', actor: actors.signer, data: signatureData('kk-signed-1', sha(999), this.now) });
    return this;
  }

  print(workstation = 'LOKET-1'): this {
    this.run({ type: 'RecordPrint', actor: actors.operator, data: { workstation } });
    return this;
  }

  reprint(reasonCode: ReprintReason = 'kertas-rusak', note?: string): this {
    this.run({ type: 'RecordReprint', actor: actors.operator, data: { workstation: 'LOKET-1', reasonCode, ...(note ? { note } : {}) } });
    return this;
  }

  collect(collectorNik = '3515121203880001'): this {
    this.run({ type: 'RecordCollection', actor: actors.operator, data: { collectorNik } });
    return this;
  }

  revoke(reason = 'KK diterbitkan karena kekeliruan data'): this {
    this.run({ type: 'RevokeSignedKk', actor: actors.signer, data: { reason } });
    return this;
  }

  /** Submitted, complete (uploads online), every requirement and the data accepted. */
  readyToVerify(): this {
    this.submit();
    if (this.channel !== 'tatap-muka') this.uploadAll();
    return this.acceptAll();
  }
}
