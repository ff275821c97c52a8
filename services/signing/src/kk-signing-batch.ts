import { Readable } from 'node:stream';
import { loadApplication } from '@adminduk/application-commands';
import {
  applicationStreamId,
  decide,
  DomainError,
  evolve,
  initialState,
  type ApplicationCommand,
  type ApplicationState,
  type RecordSignature,
  type RecordSigningFailure,
} from '@adminduk/domain';
import { handleCommand, IdempotencyKeyReusedError, type Actor, type EventStore } from '@adminduk/event-store';
import { SigningError, signedKkObjectKey, type SignerCredentials } from '@adminduk/kk-document';
import type { ObjectStorage } from '@adminduk/storage';
import { kkDocumentId } from './document-id';
import { signApplicationKk, type SignApplicationDeps } from './sign-application-kk';
import { signatureFromMetadata, signatureMetadata } from './signature-metadata';
import { signingFailureReason } from './signing-failure-reasons';

const signatureCommand = (signer: Actor, data: RecordSignature['data']): RecordSignature => ({
  type: 'RecordSignature',
  actor: { userId: signer.userId, role: 'penandatangan' },
  data,
});

/** Where the signed KK is stored (libs/kk-document): re-exported for this service's tests. */
export { signedKkObjectKey };

export type BatchItemResult =
  | { applicationId: string; outcome: 'signed' | 'already-signed'; documentId: string; sha256: string }
  | { applicationId: string; outcome: 'failed'; code: string; retryable: boolean }
  | { applicationId: string; outcome: 'not-attempted'; code: string };

export interface KkSigningBatchDeps extends SignApplicationDeps {
  store: EventStore;
  storage: ObjectStorage;
}

/** Signer errors that would fail every remaining item the same way: stop the batch. */
const STOPS_BATCH = new Set(['BAD_PASSPHRASE', 'CREDENTIALS_REQUIRED', 'SIGNER_NOT_AUTHORIZED']);

/**
 * The penandatangan's batch approval: for each application, in order, check with the decider that
 * it may be signed, render + sign the KK, store the PDF, then record the signature (KkSigned) with
 * the decider. A failed attempt is recorded as KkSigningFailed (reason code, Indonesian reason,
 * retryable) and may be tried again. Retrying a batch is safe: the document id and the command's idempotency key are
 * derived from the application, and a signed application is reported, not signed again.
 */
export class KkSigningBatch {
  /** The attempt running for each application in this process (see signOne). */
  private readonly inFlight = new Map<string, Promise<BatchItemResult>>();

  constructor(private readonly deps: KkSigningBatchDeps) {}

  async sign(
    signer: Actor,
    applicationIds: readonly string[],
    correlationId: string,
    credentials?: SignerCredentials,
  ): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    let stopped: string | null = null;
    for (const applicationId of applicationIds) {
      if (stopped) {
        results.push({ applicationId, outcome: 'not-attempted', code: stopped });
        continue;
      }
      const result = await this.signOne(signer, applicationId, correlationId, credentials);
      if (result.outcome === 'failed' && STOPS_BATCH.has(result.code)) stopped = result.code;
      results.push(result);
    }
    return results;
  }

  /**
   * Signs one application (the penandatangan's batch item, or the development auto-sign). A failure
   * of the signer or the storage is recorded as KkSigningFailed before it is reported.
   */
  signOne(signer: Actor, applicationId: string, correlationId: string, credentials?: SignerCredentials): Promise<BatchItemResult> {
    // One attempt per application at a time: two at once (auto-sign runs several applications
    // concurrently and a trigger can be redelivered) would each sign, and the loser's PDF, refused
    // at recording, is left behind if the process dies before removing it. A second call joins the first.
    const running = this.inFlight.get(applicationId);
    if (running) return running;
    const attempt = this.attempt(signer, applicationId, correlationId, credentials).finally(() => this.inFlight.delete(applicationId));
    this.inFlight.set(applicationId, attempt);
    return attempt;
  }

  private async attempt(
    signer: Actor,
    applicationId: string,
    correlationId: string,
    credentials?: SignerCredentials,
  ): Promise<BatchItemResult> {
    const now = this.deps.now?.() ?? new Date();
    const state = await this.load(applicationId);
    if (state.status === 'none') return { applicationId, outcome: 'failed', code: 'APPLICATION_NOT_FOUND', retryable: false };
    if (state.signedDocument) {
      await this.removeStrays(state.signedDocument);
      return { applicationId, outcome: 'already-signed', ...state.signedDocument };
    }

    // Ask the decider first, so nothing is rendered or signed for an application it would refuse.
    const probe: RecordSignature['data'] = {
      documentId: 'probe',
      sha256: '0'.repeat(64),
      certificateSerial: '0',
      signerSubject: 'probe',
      signingTime: now.toISOString(),
    };
    try {
      decide(signatureCommand(signer, probe), state, { now });
    } catch (e) {
      if (e instanceof DomainError) return { applicationId, outcome: 'failed', code: e.code, retryable: false };
      throw e;
    }

    // A signature an earlier attempt stored but died before recording (killed, the database down):
    // record that one rather than sign the KK a second time (issue 16: one signature per KK).
    let signature: RecordSignature['data'] | null;
    try {
      signature = await this.unrecordedSignature(kkDocumentId(applicationId, this.deps.documentIdSecret));
    } catch {
      return this.failed(signer, applicationId, state, correlationId, now, 'STORAGE_UNAVAILABLE', true);
    }
    if (!signature) {
      let signed;
      try {
        signed = await signApplicationKk(applicationId, state, { ...this.deps, now: () => now }, credentials);
      } catch (e) {
        if (e instanceof SigningError) return this.failed(signer, applicationId, state, correlationId, now, e.code, e.retryable);
        throw e;
      }
      signature = {
        documentId: signed.documentId,
        sha256: signed.sha256,
        certificateSerial: signed.certificateSerial,
        signerSubject: signed.signerSubject,
        signingTime: signed.signingTime.toISOString(),
      };
      let stored;
      try {
        stored = await this.deps.storage.putObject(signedKkObjectKey(signed.documentId, signed.sha256), Readable.from([signed.pdf]), {
          size: signed.pdf.length,
          sha256Hex: signed.sha256,
          contentType: 'application/pdf',
          metadata: { 'document-id': signed.documentId, 'application-id': applicationId, ...signatureMetadata(signature) },
        });
      } catch {
        return this.failed(signer, applicationId, state, correlationId, now, 'STORAGE_UNAVAILABLE', true);
      }
      if (stored.sha256Hex !== signed.sha256)
        return this.failed(signer, applicationId, state, correlationId, now, 'STORAGE_MISMATCH', true);
    }
    const objectKey = signedKkObjectKey(signature.documentId, signature.sha256);

    try {
      await this.record(
        applicationId,
        state,
        signatureCommand(signer, signature),
        `kk-signature:${signature.documentId}`,
        signer,
        correlationId,
        now,
      );
    } catch (e) {
      // Refused for good: only a recorded signature keeps its object. Failed for a passing reason (the
      // database down): the object stays, and the next attempt records it instead of signing again.
      if (!(e instanceof DomainError || e instanceof IdempotencyKeyReusedError)) throw e;
      await this.deps.storage.removeObject(objectKey).catch(() => undefined);
      // Another batch signed it in between: its KkSigned (and its object) stand. (The same document
      // id is the same key: a signature racing this one with other bytes is refused as key reuse.)
      if ((e instanceof DomainError && e.code === 'SIGN_ALREADY_SIGNED') || e instanceof IdempotencyKeyReusedError) {
        const after = await this.load(applicationId);
        if (after.signedDocument) return { applicationId, outcome: 'already-signed', ...after.signedDocument };
      }
      if (e instanceof DomainError) return { applicationId, outcome: 'failed', code: e.code, retryable: false };
      throw e;
    }
    // An earlier attempt's PDF that was not the one recorded (e.g. stored while S3 dropped the
    // connection, so it looked failed, then passed over): only the recorded signature stays.
    await this.removeStrays(signature);
    return { applicationId, outcome: 'signed', documentId: signature.documentId, sha256: signature.sha256 };
  }

  /**
   * Removes any other signed PDF of a recorded document: one an attempt stored and then lost the
   * race to record (in another replica, or here before a crash). Best effort; the next retry tries again.
   */
  private async removeStrays(recorded: { documentId: string; sha256: string }): Promise<void> {
    const keep = signedKkObjectKey(recorded.documentId, recorded.sha256);
    try {
      const objects = await this.deps.storage.listObjects(`kk/${recorded.documentId}/`);
      await Promise.all(objects.filter((o) => o.key !== keep).map((o) => this.deps.storage.removeObject(o.key)));
    } catch {
      // Storage away: the stray stays until the next attempt on this application.
    }
  }

  /**
   * The oldest signed PDF stored for this document with its signature's details (metadata written
   * with it), or null. Only called for an application not signed yet, so any such object is one
   * whose KkSigned was never recorded. With none, every object under the document is an unfinished
   * upload (S3 servers that write in place, as s3rver does, show a PUT whose connection was cut) and
   * is removed now, while a failure can still fail the attempt: after recording, nothing would retry.
   */
  private async unrecordedSignature(documentId: string): Promise<RecordSignature['data'] | null> {
    const objects = (await this.deps.storage.listObjects(`kk/${documentId}/`)).sort((a, b) => +a.lastModified - +b.lastModified);
    for (const o of objects) {
      const info = await this.deps.storage.statObject(o.key);
      const signature = info && signatureFromMetadata(documentId, o.key, info.metadata);
      if (signature) return signature;
    }
    await Promise.all(objects.map((o) => this.deps.storage.removeObject(o.key)));
    return null;
  }

  /**
   * Records KkSigningFailed, then reports the failure. The key is the stream version the attempt
   * started from: a redelivered attempt records nothing twice, the next attempt records its own.
   */
  private async failed(
    signer: Actor,
    applicationId: string,
    state: ApplicationState,
    correlationId: string,
    now: Date,
    code: string,
    retryable: boolean,
  ): Promise<BatchItemResult> {
    const command: RecordSigningFailure = {
      type: 'RecordSigningFailure',
      actor: { userId: signer.userId, role: 'penandatangan' },
      data: { reasonCode: code, reason: signingFailureReason(code), retryable },
    };
    try {
      // The key names the attempt from this version (a step): a racing attempt's other code gets the first record.
      await this.record(
        applicationId,
        state,
        command,
        `kk-signing-failure:${applicationId}:${state.version}`,
        signer,
        correlationId,
        now,
        'step',
      );
    } catch (e) {
      // Signed by another attempt in the meantime: nothing failed that matters.
      if (e instanceof DomainError && e.code === 'SIGN_ALREADY_SIGNED') {
        const after = await this.load(applicationId);
        if (after.signedDocument) return { applicationId, outcome: 'already-signed', ...after.signedDocument };
      }
      if (!(e instanceof DomainError)) throw e;
    }
    return { applicationId, outcome: 'failed', code, retryable };
  }

  private async record(
    applicationId: string,
    state: ApplicationState,
    command: ApplicationCommand,
    idempotencyKey: string,
    signer: Actor,
    correlationId: string,
    now: Date,
    keyNames: 'request' | 'step' = 'request',
  ): Promise<void> {
    await handleCommand(
      this.deps.store,
      applicationStreamId(applicationId),
      { initialState, evolve, decide },
      { command, idempotencyKey, keyNames, actor: signer, correlationId, kecamatan: state.kecamatan, now },
      () => ({ now }),
    );
  }

  private async load(applicationId: string): Promise<ApplicationState> {
    return (await loadApplication(this.deps.store, applicationId)).state;
  }
}
