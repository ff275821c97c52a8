import type { Pool } from 'pg';
import type { EventStore } from '@adminduk/event-store';
import type { MinioObjectStorage } from '@adminduk/storage';
import type { DocumentDownloads } from './download/document-downloads';
import type { DocumentsRepository } from './persistence/documents-repository';
import type { DocumentUploads } from './upload/document-uploads';
import type { OrphanSweeper } from './upload/orphan-sweeper';

/** Everything the documents service needs once PostgreSQL and the object store answer. */
export interface DocumentsRuntime {
  pool: Pool;
  repo: DocumentsRepository;
  store: EventStore;
  storage: MinioObjectStorage;
  uploads: DocumentUploads;
  downloads: DocumentDownloads;
  sweeper: OrphanSweeper;
}

export const DOCUMENTS_RUNTIME = Symbol('DOCUMENTS_RUNTIME');
