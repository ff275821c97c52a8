import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ApplicationDetail, QueueBucket, QueueItem } from '@adminduk/api-contracts';
import { applicationReadFilter, canReadApplication, type Principal } from '@adminduk/auth';
import { ApiError, BackgroundDependency, ReadinessRegistry } from '@adminduk/http';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import type { Logger } from '@adminduk/observability';
import { createReadModelDataSource, findApplication, listApplications, type ApplicationView } from '@adminduk/read-models';

export const READ_MODEL_URL = Symbol('READ_MODEL_URL');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

/** Reads of the application_view read model (its query module), always through the caller's scope. */
@Injectable()
export class ApplicationsQuery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly db: BackgroundDependency<DataSource>;

  constructor(
    @Inject(READ_MODEL_URL) url: string,
    @Inject(GATEWAY_LOGGER) logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    // The gateway only reads; `npm run migrate` makes the schema, and until then it is not ready.
    this.db = new BackgroundDependency(
      'postgres',
      async () => {
        const ds = await createReadModelDataSource(url).initialize();
        await assertMigrated(ds).catch(async (e: unknown) => {
          await ds.destroy();
          throw e;
        });
        return ds;
      },
      logger,
      (ds) => ds.destroy(),
    );
  }

  onApplicationBootstrap(): void {
    this.readiness.register('postgres', async () => this.db.ready && (await (await this.db.get()).query('SELECT 1')).length === 1);
  }

  async list(principal: Principal, bucket: QueueBucket | undefined, limit: number, now = new Date()): Promise<QueueItem[]> {
    const rows = await listApplications(await this.db.get(), applicationReadFilter(principal), bucket, limit);
    return rows.map((r) => toItem(r, now));
  }

  /** One application's detail view; 404 when absent, 403 when outside the caller's scope. */
  async detail(principal: Principal, applicationId: string, now = new Date()): Promise<ApplicationDetail> {
    const row = await this.get(principal, applicationId);
    return { ...toItem(row, now), status: row.statusView, requirements: row.requirements };
  }

  /** One application's row; 404 when absent, 403 when outside the caller's scope. */
  async get(principal: Principal, applicationId: string): Promise<ApplicationView> {
    const row = await findApplication(await this.db.get(), applicationId);
    if (!row) throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
    if (!canReadApplication(principal, { kecamatan: row.kecamatan, desa: row.desa ?? undefined, niks: row.niks })) {
      throw ApiError.forbidden();
    }
    return row;
  }

  /** The read-model connection, for the gateway's other read-model queries (one pool per gateway). */
  readModels(): Promise<DataSource> {
    return this.db.get();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

export function toItem(r: ApplicationView, now: Date): QueueItem {
  return {
    applicationId: r.applicationId,
    kecamatan: r.kecamatan,
    desa: r.desa,
    channel: r.channel,
    bucket: r.bucket,
    status: r.status,
    statusLabel: r.statusLabel,
    receiptNumber: r.receiptNumber,
    submittedAt: r.submittedAt.toISOString(),
    slaDueAt: r.slaDueAt?.toISOString() ?? null,
    slaDueAtProvisional: r.slaDueProvisional,
    slaBreached: r.bucket !== 'closed' && r.slaDueAt !== null && r.slaDueAt.getTime() < now.getTime(),
    correctionDueAt: r.correctionDueAt?.toISOString() ?? null,
    duplicateOf: r.duplicateOf,
  };
}
