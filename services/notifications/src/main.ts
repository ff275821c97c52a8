import 'reflect-metadata';
import { runService } from '@adminduk/http';
import { createNotificationsApp } from './notifications.app';
import { loadNotificationsConfig } from './notifications.config';

const config = loadNotificationsConfig();
void runService('notifications', config.PORT, (logger) => createNotificationsApp(config, logger), config.LOG_LEVEL);
