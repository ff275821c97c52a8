import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createRelayApp } from './relay.app';
import { loadRelayConfig } from './relay.config';
import { RelayService } from './relay-service';

const config = loadRelayConfig();
void runService('relay', config.PORT, (logger) => createRelayApp(config, logger), config.LOG_LEVEL).then(({ app }) =>
  // An error the relay cannot recover from (it logged it): exit, so the orchestrator restarts it.
  app.get(RelayService).done.catch(async () => {
    await app.close().catch(() => undefined);
    process.exit(1);
  }),
);
