import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, WriteSide, type Clock } from '@adminduk/application-commands';
import { DomainError } from '@adminduk/domain';
import type { Logger } from '@adminduk/observability';
import { overdueComplaints } from '@adminduk/read-models';
import type { ComplaintsConfig } from '../complaints.config';
import { COMPLAINTS_CONFIG } from '../complaints.tokens';
import { ComplaintsDependencies } from '../complaints-dependencies';
import { ComplaintHandling } from './complaint-handling';

export const COMPLAINT_DEADLINE_USER = 'system:complaint-deadline';

/**
 * Escalates a complaint to the camat when its verification or answer deadline passes
 * (ComplaintEscalated). The same shape as verification's correction-deadline scan: the due times
 * live in the streams (and the complaint view derived from them), not in a timer, so a deadline
 * that passed while the service was down is acted on at the first scan after it starts; exactly
 * once, because each escalation's key is the complaint's stage and due time and the decider refuses
 * a second escalation of the same due time or one whose step was done meanwhile.
 */
@Injectable()
export class ComplaintDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<number>;

  constructor(
    private readonly writeSide: WriteSide,
    private readonly handling: ComplaintHandling,
    private readonly deps: ComplaintsDependencies,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(COMPLAINTS_CONFIG) private readonly config: ComplaintsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.scanning ??= this.scanOnce()
        .catch((e) => {
          this.logger.warn({ err: (e as Error).message }, 'complaint deadline scan failed; will retry');
          return 0;
        })
        .finally(() => (this.scanning = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.DEADLINE_SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  /** One pass: every complaint whose running deadline has passed unescalated is escalated. Returns how many. */
  async scanOnce(): Promise<number> {
    // The first scan runs at start: wait for the calendar's database rather than fail until the next tick.
    await this.deps.started();
    const now = this.clock.now();
    const due = await overdueComplaints(this.writeSide.readModels(), now, 500).catch((e: { code?: string }) =>
      e.code === '42P01' ? [] : Promise.reject(e),
    );
    let escalated = 0;
    for (const row of due) {
      const dueAt = row.dueAt.toISOString();
      try {
        const r = await this.handling.execute(
          row.complaintId,
          { type: 'EscalateComplaint', actor: { userId: COMPLAINT_DEADLINE_USER, role: 'system' }, data: { stage: row.stage, dueAt } },
          {
            idempotencyKey: `complaint-deadline:${row.stage}:${dueAt}`,
            keyNames: 'step',
            correlationId: `deadline-${row.complaintId}`,
            actor: { userId: COMPLAINT_DEADLINE_USER, role: 'system' },
          },
        );
        if (!r.replayed) escalated++;
      } catch (e) {
        // The view lags the stream: the step may have been done, or another replica escalated first.
        if (e instanceof DomainError && e.kind === 'conflict') continue;
        throw e;
      }
    }
    if (escalated > 0) this.logger.info({ escalated }, 'complaints escalated to the camat after a missed deadline');
    return escalated;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
  }
}
