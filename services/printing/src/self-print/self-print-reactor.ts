import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { startEventReactor } from '@adminduk/application-commands';
import type { RecordedEvent } from '@adminduk/event-store';
import { BackgroundDependency, ReadinessRegistry, type ServiceEnv } from '@adminduk/http';
import { ManagedNatsConnection, type JetStreamConsumerRunner } from '@adminduk/messaging';
import type { Logger } from '@adminduk/observability';
import { SelfPrintLinkIssuer } from './self-print-link-issuer';

export const SELF_PRINT_REACTOR_SETTINGS = Symbol('SELF_PRINT_REACTOR_SETTINGS');
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
  private readonly reactor: BackgroundDependency<{ nats: ManagedNatsConnection; runner: JetStreamConsumerRunner<RecordedEvent> }>;

  constructor(
    @Inject(SELF_PRINT_REACTOR_SETTINGS) { env, logger }: SelfPrintReactorSettings,
    issuer: SelfPrintLinkIssuer,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.reactor = new BackgroundDependency(
      'nats-events',
      async () => {
        const nats = await ManagedNatsConnection.connect({
          url: env.NATS_URL.join(','),
          name: 'printing',
          nkeySeed: env.NATS_NKEY_SEED,
          logger,
        });
        try {
          const spec = {
            durable: 'printing-self-print-link',
            category: 'application',
            eventType: 'KkSigned',
            handler: (e: RecordedEvent) => issuer.onKkSigned(e),
          };
          return { nats, runner: await startEventReactor(nats, env, spec, logger) };
        } catch (e) {
          await nats.close();
          throw e;
        }
      },
      logger,
      async ({ nats, runner }) => {
        await runner.stop();
        await nats.close();
      },
    );
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
