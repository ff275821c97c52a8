import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createPrintingApp } from './printing.app';
import { loadPrintingConfig } from './printing.config';

const config = loadPrintingConfig();
void runService('printing', config.PORT, (logger) => createPrintingApp(config, logger), config.LOG_LEVEL);
