/** Where "now" comes from. Services use the system clock; tests pass one they control. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
