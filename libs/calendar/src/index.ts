export * from './wib-time';
export * from './calendar-errors';
export * from './holiday-data';
export * from './working-calendar';
export * from './correction-deadline';
export * from './sla-clock';
export * from './fixed-holidays';
export * from './holiday-year-status';
