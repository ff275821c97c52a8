import type { Readable } from 'node:stream';
import type { Principal } from '@adminduk/auth';
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
 * Download/preview of a requirement scan. The access is written to the access log BEFORE the first
 * byte leaves: if it cannot be recorded, nothing is served (fail closed).
 */
export class DocumentDownloads {
  constructor(
    private readonly store: EventStore,
    private readonly storage: ObjectStorage,
    private readonly repo: DocumentsRepository,
  ) {}

  async open(principal: Principal, documentId: string, disposition: 'attachment' | 'inline'): Promise<OpenedDocument> {
    const row = await this.repo.find(documentId);
    // Pending and discarded uploads do not exist for readers; same answer as an unknown id.
    if (!row || row.status !== 'attached') throw ApiError.notFound('Dokumen tidak ditemukan', 'DOCUMENT_NOT_FOUND');
    const { state } = await loadApplication(this.store, row.applicationId);
    if (!canDownloadDocument(principal, state)) throw ApiError.forbidden('Anda tidak berwenang melihat dokumen ini', 'DOCUMENT_FORBIDDEN');
    const body = await this.storage.getObject(row.objectKey);
    try {
      await this.repo.logAccess({
        documentId,
        applicationId: row.applicationId,
        userId: principal.userId,
        role: principal.role,
        kecamatan: principal.kecamatan ?? null,
        disposition,
      });
    } catch (e) {
      body.destroy();
      throw e;
    }
    return { row, body };
  }
}
