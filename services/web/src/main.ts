import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createWebApp } from './web.app';
import { loadWebConfig } from './web.config';

const config = loadWebConfig();
void runService('web', config.PORT, (logger) => createWebApp(config, logger), config.LOG_LEVEL);
