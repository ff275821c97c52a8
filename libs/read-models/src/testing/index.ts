// Test helpers of the read models (`@adminduk/read-models/testing`).
export { appendHistory } from './append-history';
export { recordedEvent } from './recorded-event';
