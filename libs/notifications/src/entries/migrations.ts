// The send record's schema migration, for libs/migrations: without the senders (nodemailer) the lib's main entry loads.
export { NOTIFICATIONS_MIGRATIONS } from '../send-record/1765600000000-notification-sends';
