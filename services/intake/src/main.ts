import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createIntakeApp } from './intake.app';
import { loadIntakeConfig } from './intake.config';

const config = loadIntakeConfig();
void runService('intake', config.PORT, (logger) => createIntakeApp(config, logger), config.LOG_LEVEL);
