import type { EventStore } from '@adminduk/event-store';
import type { ObjectStorage } from '@adminduk/storage';
import { loadApplication } from '../application/application-loader';
import type { DocumentsRepository } from '../persistence/documents-repository';

export interface SweepResult {
  /** Intents whose upload died: object removed (if any), row discarded. */
  removed: string[];
  /** Intents whose event made it to the stream before a crash: row completed, object kept. */
  adopted: string[];
}

/**
 * Removes what crashed or abandoned uploads left behind. It only looks at intent rows still pending
 * after `maxAgeMs` (which must exceed the upload timeout, so a live upload is never swept), and asks
 * the application's stream (the source of truth) whether the document got attached after all.
 */
export class OrphanSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly repo: DocumentsRepository,
    private readonly storage: ObjectStorage,
    private readonly store: EventStore,
    private readonly maxAgeMs: number,
  ) {}

  async sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { removed: [], adopted: [] };
    for (const row of await this.repo.stalePending(this.maxAgeMs)) {
      const { events } = await loadApplication(this.store, row.applicationId);
      const attached = events.find((e) => e.type === 'DocumentAttached' && e.data.documentId === row.documentId);
      if (attached && attached.type === 'DocumentAttached') {
        await this.repo.markAttached(row.documentId, {
          mediaType: attached.data.mediaType,
          sizeBytes: attached.data.sizeBytes,
          sha256: attached.data.sha256,
        });
        result.adopted.push(row.documentId);
      } else {
        await this.storage.removeObject(row.objectKey);
        await this.repo.markDiscarded(row.documentId);
        result.removed.push(row.documentId);
      }
    }
    return result;
  }

  start(intervalMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch(onError)
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
