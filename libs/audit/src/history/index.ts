export * from './audited-stream';
export * from './timeline';
export * from './point-in-time';
export * from './state-diff';
export * from './log-row-event';
