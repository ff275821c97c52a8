import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createComplaintsApp } from './complaints.app';
import { loadComplaintsConfig } from './complaints.config';

const config = loadComplaintsConfig();
void runService('complaints', config.PORT, (logger) => createComplaintsApp(config, logger), config.LOG_LEVEL);
