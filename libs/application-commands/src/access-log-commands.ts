import { randomUUID } from 'node:crypto';
import type { Principal } from '@adminduk/auth';
import {
  accessLogDecider,
  accessLogStreamId,
  isStaffReader,
  type AccessLogContext,
  type AccessLogEvent,
  type AccessLogState,
  type PersonalDataView,
  type RecordPersonalDataView,
} from '@adminduk/domain';
import { handleCommand, type EventStore } from '@adminduk/event-store';
import { ApiError, apiError } from '@adminduk/http';
import { currentTraceparent } from '@adminduk/observability';
import { metadataActor } from './actor-from-principal';
import type { Clock } from './clock.port';

const ACCESS_APPEND_ATTEMPTS = 10;

export interface AccessRecord {
  at: string;
  viewer: { userId: string; role: string; kecamatan?: string; desa?: string };
  view: PersonalDataView;
}

/**
 * The one way a read of personal data is recorded (decision 0016): staff reads append a
 * PersonalDataViewed to the application's access stream through the generic command handler,
 * BEFORE anything is shown. When the record cannot be written the read is refused with 503, so no
 * read goes unrecorded. A citizen reading their own application is not recorded.
 */
export class AccessLogRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async record(principal: Principal, applicationId: string, kecamatan: string | undefined, view: PersonalDataView, correlationId: string) {
    if (!isStaffReader(principal.role)) return;
    const command: RecordPersonalDataView = {
      type: 'RecordPersonalDataView',
      data: {
        applicationId,
        view,
        viewer: { userId: principal.userId, role: principal.role, kecamatan: principal.kecamatan, desa: principal.desa },
      },
    };
    const now = this.clock.now();
    try {
      await handleCommand<RecordPersonalDataView, AccessLogEvent, AccessLogState, AccessLogContext>(
        this.store,
        accessLogStreamId(applicationId),
        accessLogDecider,
        {
          command,
          // Every read is its own record: a fresh key, never a replay.
          idempotencyKey: randomUUID(),
          keyNames: 'step',
          actor: metadataActor(principal),
          correlationId,
          kecamatan,
          traceparent: currentTraceparent(),
          now,
          // A record depends on no earlier one: no read of the stream, which grows with every read.
          appendWithoutReading: true,
        },
        () => ({ now }),
        // Reads of one file may come together (operator, signer, auditor): each append that loses the race retries.
        ACCESS_APPEND_ATTEMPTS,
      );
    } catch {
      throw new ApiError(apiError(503, 'ACCESS_LOG_UNAVAILABLE', 'Akses data pribadi tidak dapat dicatat saat ini; coba lagi nanti'));
    }
  }
}

/** An application's access records, oldest first, as the auditor reads them. */
export async function readAccessLog(store: EventStore, applicationId: string): Promise<AccessRecord[]> {
  const events = await store.readStream(accessLogStreamId(applicationId));
  return events
    .filter((e) => e.type === 'PersonalDataViewed')
    .map((e) => {
      const d = e.data as AccessLogEvent['data'];
      return { at: d.at, viewer: d.viewer, view: d.view };
    });
}
