/** What other packages' harnesses may use of the notifications service. */
export { createNotificationsApp } from '../notifications.app';
export { loadNotificationsConfig, type NotificationsConfig } from '../notifications.config';
export { NotificationConsumer, NOTIFICATIONS_DURABLE } from '../notification-consumer';
export { sendersFromConfig } from '../senders-from-config';
export { notificationsTestEnv, startNotifications, type NotificationsUnderTest } from './notifications-harness';
