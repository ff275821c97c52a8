import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, WriteSide, type Clock } from '@adminduk/application-commands';
import { DomainError } from '@adminduk/domain';
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
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<number>;

  constructor(
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(VERIFICATION_CONFIG) private readonly config: VerificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.scanning ??= this.scanOnce()
        .catch((e) => {
          this.logger.warn({ err: (e as Error).message }, 'correction deadline scan failed; will retry');
          return 0;
        })
        .finally(() => (this.scanning = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.DEADLINE_SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  /** One pass: every application whose correction is overdue now is returned. Returns how many. */
  async scanOnce(): Promise<number> {
    const commands = await this.writeSide.applicationCommands();
    const now = this.clock.now();
    const due = await overdueCorrections(this.writeSide.readModels(), now, 500).catch((e: { code?: string }) =>
      e.code === '42P01' ? [] : Promise.reject(e),
    );
    let returned = 0;
    for (const row of due) {
      const dueAt = row.correctionDueAt.toISOString();
      try {
        const r = await commands.executeAsSystem(
          row.applicationId,
          { type: 'ReturnFileAfterMissedDeadline', data: {} },
          DEADLINE_SYSTEM_USER,
          `correction-deadline:${dueAt}`,
          `deadline-${row.applicationId}`,
        );
        if (!r.replayed) returned++;
      } catch (e) {
        // The read model lags the stream: the correction may have arrived, or another replica won.
        if (e instanceof DomainError && e.kind === 'conflict') continue;
        throw e;
      }
    }
    if (returned > 0) this.logger.info({ returned }, 'files returned after a missed correction deadline');
    return returned;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
  }
}
