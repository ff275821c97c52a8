import { loadConfig } from '@adminduk/config';
import { serviceEnv, type ServiceEnv } from '@adminduk/http';

export type ProjectionsConfig = ServiceEnv;

export const loadProjectionsConfig = (env: NodeJS.ProcessEnv = process.env): ProjectionsConfig =>
  loadConfig(serviceEnv, { PORT: '3103', ...env });
