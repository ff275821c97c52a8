/**
 * The decider pattern (as in Emmett): decide turns a command into events given the current state,
 * evolve folds one event into the state. Both are pure; time and outside facts arrive in `context`.
 */
export interface Decider<Command, State, Event, Context> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State, context: Context) => Event[];
}

export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event, unknown>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  let state = decider.initialState();
  for (const e of events) state = decider.evolve(state, e);
  return state;
}
