export * from './holiday-calendar.events';
export * from './holiday-calendar.decider';
export * from './holiday-calendar-stream';
export {
  HOLIDAY_NAME_MAX,
  HOLIDAY_YEAR_MAX,
  HOLIDAY_YEAR_MIN,
  MAX_HOLIDAY_DAYS,
  DECREE_NUMBER_MAX,
  CORRECTION_REASON_MAX,
} from './holiday-list-validation';
