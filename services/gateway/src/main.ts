import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createGatewayApp } from './gateway.app';
import { loadGatewayConfig } from './gateway.config';

const config = loadGatewayConfig();
void runService('gateway', config.PORT, (logger) => createGatewayApp(config, logger), config.LOG_LEVEL);
