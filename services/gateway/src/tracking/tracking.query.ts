import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { createPool } from '@adminduk/event-store';
import { ApiError, unavailableOrRethrow } from '@adminduk/http';
import { applicationForTracking, trackingKey, trackingKeysMatch } from '@adminduk/read-models';
import { nextStep } from './next-step';
import type { TrackingQuery as TrackingQuestion } from './tracking.schema';

export const TRACKING_SETTINGS = Symbol('TRACKING_SETTINGS');
export interface TrackingSettings {
  readModelUrl: string;
}

/** All the public lookup answers: the status and the next step, in Indonesian. */
export interface TrackingAnswer {
  status: string;
  keterangan?: string;
  langkahBerikutnya: string;
}

/** One answer for an unknown number and for a wrong second factor: the lookup is no oracle. */
export const NOT_FOUND_MESSAGE =
  'Permohonan tidak ditemukan. Periksa kembali nomor tanda terima, tanggal lahir dan empat angka terakhir NIK pemohon.';

/**
 * The public status lookup through the application view's query module. A small pool of its own
 * (connections made on use); the gateway's readiness already covers this database.
 */
@Injectable()
export class TrackingQuery implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(TRACKING_SETTINGS) private readonly settings: TrackingSettings) {
    this.pool = createPool({ connectionString: settings.readModelUrl, max: 4 });
  }

  async lookup(q: TrackingQuestion): Promise<TrackingAnswer> {
    let found;
    try {
      found = await applicationForTracking(this.pool, q.nomor);
    } catch (e) {
      unavailableOrRethrow(e, 'Layanan pelacakan sedang tidak tersedia; coba lagi sebentar lagi.');
    }
    // The key is computed even when nothing was found, so both refusals cost the same.
    const given = trackingKey(found?.applicationId ?? '00000000-0000-0000-0000-000000000000', q.tanggalLahir, q.nik4);
    if (!found || !trackingKeysMatch(found.trackingKey, given)) throw ApiError.notFound(NOT_FOUND_MESSAGE, 'TRACKING_NOT_FOUND');
    return {
      status: found.status.label,
      ...(found.status.detail ? { keterangan: found.status.detail } : {}),
      langkahBerikutnya: nextStep(found.status),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
