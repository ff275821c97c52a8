import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { actOnOverdue, CLOCK, SERVICE_LOGGER, startDeadlineScan, WriteSide, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { overdueComplaints } from '@adminduk/read-models';
import type { ComplaintsConfig } from '../complaints.config';
import { COMPLAINTS_CONFIG } from '../complaints.tokens';
import { ComplaintsDependencies } from '../complaints-dependencies';
import { ComplaintHandling } from './complaint-handling';

export const COMPLAINT_DEADLINE_USER = 'system:complaint-deadline';

/**
 * Escalates a complaint to the camat when its verification or answer deadline passes
 * (ComplaintEscalated). The same scan as verification's correction deadlines (startDeadlineScan,
 * actOnOverdue): the due times live in the streams (and the complaint view derived from them), not
 * in a timer, so a deadline that passed while the service was down is acted on at the first scan
 * after it starts; exactly once, because each escalation's key is the complaint's stage and due time and the decider refuses
 * a second escalation of the same due time or one whose step was done meanwhile.
 */
@Injectable()
export class ComplaintDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private scan?: { stop(): Promise<void> };

  constructor(
    private readonly writeSide: WriteSide,
    private readonly handling: ComplaintHandling,
    private readonly deps: ComplaintsDependencies,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(COMPLAINTS_CONFIG) private readonly config: ComplaintsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.scan = startDeadlineScan(() => this.scanOnce(), this.config.DEADLINE_SCAN_INTERVAL_MS, this.logger, 'complaint deadline scan');
  }

  /** One pass: every complaint whose running deadline has passed unescalated is escalated. Returns how many. */
  async scanOnce(): Promise<number> {
    // The first scan runs at start: wait for the calendar's database rather than fail until the next tick.
    await this.deps.started();
    const now = this.clock.now();
    const actor = { userId: COMPLAINT_DEADLINE_USER, role: 'system' } as const;
    const escalated = await actOnOverdue(
      () => overdueComplaints(this.writeSide.readModels(), now, 500),
      (row) => {
        const dueAt = row.dueAt.toISOString();
        return this.handling.execute(
          row.complaintId,
          { type: 'EscalateComplaint', actor, data: { stage: row.stage, dueAt } },
          {
            idempotencyKey: `complaint-deadline:${row.stage}:${dueAt}`,
            keyNames: 'step',
            correlationId: `deadline-${row.complaintId}`,
            actor,
          },
        );
      },
    );
    if (escalated > 0) this.logger.info({ escalated }, 'complaints escalated to the camat after a missed deadline');
    return escalated;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scan?.stop();
  }
}
