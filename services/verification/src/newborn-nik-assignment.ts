import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  backgroundEventReactor,
  PostgresSequenceSource,
  SERVICE_LOGGER,
  WriteSide,
  type EventReactorDependency,
} from '@adminduk/application-commands';
import { applicationIdOfStream, LocalNikRegistry, type NikRegistry } from '@adminduk/domain';
import { ReadinessRegistry } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { VERIFICATION_CONFIG } from './tokens';
import type { VerificationConfig } from './verification.config';

export const NIK_SYSTEM_USER = 'system:nik-registry';

/**
 * When an application is verified complete, asks the population registry for the newborn's NIK and
 * records it (the family keeps its No. KK). Driven by the ApplicationVerified event; the command's
 * key makes a redelivery a no-op, so the NIK recorded is always the first one issued.
 */
@Injectable()
export class NewbornNikAssignment implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: EventReactorDependency;

  constructor(
    writeSide: WriteSide,
    @Inject(VERIFICATION_CONFIG) config: VerificationConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    // Local development registry; production binds the population registry adapter here.
    const registry: NikRegistry = new LocalNikRegistry(new PostgresSequenceSource(writeSide.readModels()));
    // Its own connection, beside the command transport's (`nats`, registered by createServiceApp).
    this.reactor = backgroundEventReactor({
      name: 'nats-events',
      connectionName: 'verification',
      env: config,
      reactions: [
        {
          durable: 'verification-newborn-nik',
          category: 'application',
          eventType: 'ApplicationVerified',
          handler: async (event) => {
            const applicationId = applicationIdOfStream(event.streamId);
            const commands = await writeSide.applicationCommands();
            const state = await commands.state(applicationId);
            if (state.newbornNik || !state.newborn || !state.kecamatan) return;
            const nik = await registry.assignNewbornNik({
              applicationId,
              kecamatan: state.kecamatan,
              tanggalLahir: state.newborn.tanggalLahir,
              jenisKelamin: state.newborn.jenisKelamin,
            });
            await commands.executeAsSystem(
              applicationId,
              { type: 'AssignNewbornNik', data: { nik } },
              NIK_SYSTEM_USER,
              'newborn-nik',
              event.metadata.correlationId,
            );
          },
        },
      ],
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.readiness.register('nats-events', () => this.reactor.ready);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.close();
  }
}
