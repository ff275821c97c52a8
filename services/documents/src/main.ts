import { loadConfig } from '@adminduk/config';
import { runService } from '@adminduk/http';
import { documentsConfigFromEnv, documentsEnvSchema } from './documents.config';
import { createDocumentsApp } from './documents-app';

const config = documentsConfigFromEnv(loadConfig(documentsEnvSchema));

void runService(
  'documents',
  config.port,
  async (logger) => (await createDocumentsApp(config, logger, { waitForDependencies: false })).app,
  config.logLevel,
);
