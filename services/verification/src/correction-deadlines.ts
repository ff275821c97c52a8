import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { actOnOverdue, CLOCK, SERVICE_LOGGER, startDeadlineScan, WriteSide, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { overdueCorrections } from '@adminduk/read-models';
import { VERIFICATION_CONFIG } from './tokens';
import type { VerificationConfig } from './verification.config';

export const DEADLINE_SYSTEM_USER = 'system:correction-deadline';

/**
 * Returns the file (berkas dikembalikan) when a requested correction was not made by its deadline,
 * 12:00 WIB the next day. Durable: the due times live in the streams (and the application view
 * derived from them), not in a timer, so a deadline that passed while this service was down is
 * acted on at the first scan after it starts. Exactly once: each return carries a key derived from
 * the application and its due time, and the decider refuses a second return or a return after the
 * correction arrived.
 */
@Injectable()
export class CorrectionDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private scan?: { stop(): Promise<void> };

  constructor(
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(VERIFICATION_CONFIG) private readonly config: VerificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.scan = startDeadlineScan(() => this.scanOnce(), this.config.DEADLINE_SCAN_INTERVAL_MS, this.logger, 'correction deadline scan');
  }

  /** One pass: every application whose correction is overdue now is returned. Returns how many. */
  async scanOnce(): Promise<number> {
    const commands = await this.writeSide.applicationCommands();
    const now = this.clock.now();
    const returned = await actOnOverdue(
      () => overdueCorrections(this.writeSide.readModels(), now, 500),
      (row) =>
        commands.executeAsSystem(
          row.applicationId,
          { type: 'ReturnFileAfterMissedDeadline', data: {} },
          DEADLINE_SYSTEM_USER,
          `correction-deadline:${row.correctionDueAt.toISOString()}`,
          `deadline-${row.applicationId}`,
        ),
    );
    if (returned > 0) this.logger.info({ returned }, 'files returned after a missed correction deadline');
    return returned;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scan?.stop();
  }
}
