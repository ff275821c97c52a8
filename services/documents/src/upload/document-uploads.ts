import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Principal } from '@adminduk/auth';
import { handleCommand, type EventStore } from '@adminduk/event-store';
import { ApiError } from '@adminduk/http';
import { spoolToDisk, type ObjectStorage, type SpooledFile } from '@adminduk/storage';
import { metadataActor } from '@adminduk/application-commands';
import { commandActorOf } from '../application/application-access';
import { loadApplication } from '../application/application-loader';
import {
  applicationStreamId,
  decide,
  evolve,
  initialState,
  type ApplicationCommand,
  type ApplicationState,
} from '../application/domain-seam';
import type { DocumentsRepository } from '../persistence/documents-repository';
import type { ContentChecker } from './content-check';
import { uploadErrors } from './upload-errors';
import { UploadInspector } from './upload-inspector';
import type { DocumentMediaType } from './media-type';

export interface UploadedDocument {
  documentId: string;
  applicationId: string;
  requirementId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadContext {
  correlationId: string;
  traceparent?: string;
  /** Bytes the client announced (Content-Length), when it did. */
  declaredLength?: number;
}

export interface UploadLimits {
  /** Largest accepted scan, enforced while streaming. */
  maxBytes: number;
  /** Where the body is spooled before it is checked and stored (S3_SPOOL_DIR); OS temp dir if unset. */
  spoolDir?: string;
}

/**
 * One upload: check who/what/when BEFORE reading the body (so refusals cost no bandwidth), record
 * the intent, stream the body through the inspector (type, size limit) to a private temp file, check
 * that the file really is a PDF/JPEG/PNG (it must parse or decode), store it, then append
 * DocumentAttached with the domain decider. A refused file never reaches the bucket; any failure
 * after the PUT removes the object at once; a crash in between is cleaned up by the OrphanSweeper
 * from the still-pending intent row.
 */
export class DocumentUploads {
  constructor(
    private readonly store: EventStore,
    private readonly storage: ObjectStorage,
    private readonly repo: DocumentsRepository,
    private readonly checker: ContentChecker,
    private readonly limits: UploadLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async upload(
    principal: Principal,
    applicationId: string,
    requirementId: string,
    source: Readable,
    ctx: UploadContext,
  ): Promise<UploadedDocument> {
    const { state } = await loadApplication(this.store, applicationId);
    this.precheck(principal, state, requirementId, ctx.declaredLength);
    const kecamatan = state.kecamatan as string;

    const documentId = randomUUID();
    const objectKey = `${kecamatan}/${applicationId}/${requirementId}/${documentId}`;
    await this.repo.recordIntent({ documentId, applicationId, requirementId, objectKey, uploadedBy: principal.userId });

    const inspector = new UploadInspector(this.limits.maxBytes);
    feed(source, inspector);
    let file: SpooledFile;
    try {
      file = await spoolToDisk(inspector, this.limits.spoolDir);
    } catch (e) {
      await this.discard(documentId, objectKey);
      throw inspectorError(inspector) ?? e;
    }
    let stored: { size: number; sha256Hex: string };
    try {
      await this.checker.check(file.path, inspector.mediaType as DocumentMediaType);
      stored = await this.storage.putFile(objectKey, file, {
        // Only ids: object metadata is visible to anyone with bucket read access.
        metadata: { 'document-id': documentId, 'application-id': applicationId, requirement: requirementId },
      });
    } catch (e) {
      await this.discard(documentId, objectKey);
      throw e;
    } finally {
      await file.dispose();
    }
    const mediaType = inspector.mediaType as string;
    try {
      const now = this.now();
      await handleCommand(
        this.store,
        applicationStreamId(applicationId),
        { initialState, evolve, decide },
        {
          command: {
            type: 'AttachDocument',
            actor: commandActorOf(principal),
            data: { documentId, requirementId, mediaType, sizeBytes: stored.size, sha256: stored.sha256Hex },
          },
          idempotencyKey: documentId,
          actor: metadataActor(principal),
          correlationId: ctx.correlationId,
          kecamatan,
          traceparent: ctx.traceparent,
          now,
        },
        () => ({ now }),
      );
    } catch (e) {
      // E.g. the application was signed while the bytes were in flight: the object must not stay.
      // (A domain refusal leaves through the exception filter with its own status.)
      await this.discard(documentId, objectKey);
      throw e;
    }
    await this.repo.markAttached(documentId, { mediaType, sizeBytes: stored.size, sha256: stored.sha256Hex });
    return { documentId, applicationId, requirementId, mediaType, sizeBytes: stored.size, sha256: stored.sha256Hex };
  }

  /** Every refusal that does not need the body, in the domain's order: who (403), when (409), what (400). */
  private precheck(principal: Principal, state: ApplicationState, requirementId: string, declaredLength?: number): void {
    if (state.status === 'none') throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
    const probe: ApplicationCommand = {
      type: 'AttachDocument',
      actor: commandActorOf(principal),
      data: { documentId: randomUUID(), requirementId, mediaType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64) },
    };
    decide(probe, state, { now: this.now() }); // a refusal (DomainError) answers with its own status
    if (declaredLength !== undefined && declaredLength > this.limits.maxBytes) throw uploadErrors.tooLarge(this.limits.maxBytes);
    if (declaredLength === 0) throw uploadErrors.empty();
  }

  private async discard(documentId: string, objectKey: string): Promise<void> {
    await this.storage.removeObject(objectKey).catch(() => undefined); // the sweeper retries from the row
    await this.repo.markDiscarded(documentId);
  }
}

/**
 * Pipes the request into the inspector without letting an inspector failure destroy the request:
 * the socket must survive long enough to carry the 4xx. A client that goes away fails the inspector.
 */
function feed(source: Readable, inspector: UploadInspector): void {
  source.pipe(inspector);
  inspector.once('error', () => {
    source.unpipe(inspector);
    source.pause(); // stop reading: TCP back-pressure holds the client until we close
  });
  const incomplete = () => {
    if (!inspector.destroyed && !inspector.writableFinished) inspector.destroy(uploadErrors.incomplete());
  };
  source.once('error', incomplete);
  source.once('aborted', incomplete);
  source.once('close', () => {
    if ('complete' in source && !(source as IncomingMessage).complete) incomplete();
  });
}

function inspectorError(inspector: UploadInspector): ApiError | undefined {
  const e = (inspector as unknown as { errored?: unknown }).errored;
  return e instanceof ApiError ? e : undefined;
}
