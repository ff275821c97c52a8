import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createProjectionsApp } from './projections.app';
import { loadProjectionsConfig } from './projections.config';

const config = loadProjectionsConfig();
void runService('projections', config.PORT, (logger) => createProjectionsApp(config, logger), config.LOG_LEVEL);
