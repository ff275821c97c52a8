import { createLogger, startTracing } from '@adminduk/observability';
import { loadRelayConfig } from './relay-config';
import { RelayService } from './relay-service';

async function main(): Promise<void> {
  const config = loadRelayConfig();
  // Spans go to OTEL_EXPORTER_OTLP_ENDPOINT when set; trace context propagates either way.
  const tracing = startTracing({ serviceName: 'relay' });
  const logger = createLogger({ service: 'relay', level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info' });
  const relay = new RelayService(config, logger);
  await relay.start();
  logger.info({ port: relay.httpPort, stream: config.RELAY_EVENTS_STREAM, prefix: config.RELAY_SUBJECT_PREFIX }, 'Relay started');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Relay stopping');
    relay
      .stop()
      .then(() => tracing.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  relay.done.catch((e: unknown) => {
    logger.error({ err: e instanceof Error ? e.message : String(e) }, 'Relay failed');
    process.exit(1);
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(`relay: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
