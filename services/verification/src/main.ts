import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createVerificationApp } from './verification.app';
import { loadVerificationConfig } from './verification.config';

const config = loadVerificationConfig();
void runService('verification', config.PORT, (logger) => createVerificationApp(config, logger), config.LOG_LEVEL);
