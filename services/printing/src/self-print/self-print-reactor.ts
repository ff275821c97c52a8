import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { backgroundEventReactor, type EventReactorDependency } from '@adminduk/application-commands';
import { ReadinessRegistry, type ServiceEnv } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { SelfPrintLinkIssuer } from './self-print-link-issuer';

export const SELF_PRINT_REACTOR_SETTINGS = Symbol('SELF_PRINT_REACTOR_SETTINGS');
/** Signed KKs whose link is issued at once. */
export const SELF_PRINT_LINK_CONCURRENCY = 8;
export interface SelfPrintReactorSettings {
  env: ServiceEnv;
  logger: Logger;
}

/**
 * Starts the durable consumer of KkSigned that issues the self-print link (SelfPrintLinkIssuer), on
 * its own NATS connection, in the background: the service is live at once, ready when the bus is.
 */
@Injectable()
export class SelfPrintReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: EventReactorDependency;

  constructor(
    @Inject(SELF_PRINT_REACTOR_SETTINGS) { env, logger }: SelfPrintReactorSettings,
    issuer: SelfPrintLinkIssuer,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.reactor = backgroundEventReactor({
      name: 'nats-events',
      connectionName: 'printing',
      env,
      reactions: [
        {
          durable: 'printing-self-print-link',
          category: 'application',
          eventType: 'KkSigned',
          handler: (e) => issuer.onKkSigned(e),
          // Every signed KK passes here, and each waits on PostgreSQL (load, append): one at a time the
          // fault suite's 1,000 applications on a loaded machine mailed no link for 7 minutes. Links of
          // different applications are independent; one application's redelivery issues nothing new.
          delivery: { concurrency: SELF_PRINT_LINK_CONCURRENCY },
        },
      ],
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.readiness.register('nats-events', () => this.reactor.ready);
  }

  /** Resolves once the consumer runs (tests). */
  async started(): Promise<void> {
    await this.reactor.get();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.close();
  }
}
