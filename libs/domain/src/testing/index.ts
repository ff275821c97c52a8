import { decide, type DecideContext } from '../application/application.commands';
import { evolve, initialState } from '../application/application.events';
import { MONDAY_0900 } from './kk-fixtures';
import { givenWhenThen } from './given-when-then';

export * from './given-when-then';
export * from './kk-fixtures';
export * from './kk-scenario';

/** given/when/then bound to the KK application decider; `now` defaults to Monday 6 Jan 2025 09:00 WIB. */
export const given = givenWhenThen({ initialState, evolve, decide }, (): DecideContext => ({ now: MONDAY_0900 }));
