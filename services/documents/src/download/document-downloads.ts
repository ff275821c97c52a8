import type { Readable } from 'node:stream';
import type { Principal } from '@adminduk/auth';
import type { AccessLogRecorder } from '@adminduk/application-commands';
import type { EventStore } from '@adminduk/event-store';
import { ApiError } from '@adminduk/http';
import type { ObjectStorage } from '@adminduk/storage';
import { canDownloadDocument } from '../application/application-access';
import { loadApplication } from '../application/application-loader';
import type { DocumentRow, DocumentsRepository } from '../persistence/documents-repository';

export interface OpenedDocument {
  row: DocumentRow;
  body: Readable;
}

/**
 * Download/preview of a requirement scan. A staff download is recorded on the application's access
 * stream (AccessLogRecorder, decision 0016) BEFORE the first byte leaves: if it cannot be recorded,
 * nothing is served (503, fail closed).
 */
export class DocumentDownloads {
  constructor(
    private readonly store: EventStore,
    private readonly storage: ObjectStorage,
    private readonly repo: DocumentsRepository,
    private readonly accessLog: AccessLogRecorder,
  ) {}

  async open(
    principal: Principal,
    documentId: string,
    disposition: 'attachment' | 'inline',
    correlationId: string,
  ): Promise<OpenedDocument> {
    const row = await this.repo.find(documentId);
    // Pending and discarded uploads do not exist for readers; same answer as an unknown id.
    if (!row || row.status !== 'attached') throw ApiError.notFound('Dokumen tidak ditemukan', 'DOCUMENT_NOT_FOUND');
    const { state } = await loadApplication(this.store, row.applicationId);
    if (!canDownloadDocument(principal, state)) throw ApiError.forbidden('Anda tidak berwenang melihat dokumen ini', 'DOCUMENT_FORBIDDEN');
    await this.accessLog.record(principal, row.applicationId, state.kecamatan, { kind: 'scan', documentId, disposition }, correlationId);
    return { row, body: await this.storage.getObject(row.objectKey) };
  }
}
