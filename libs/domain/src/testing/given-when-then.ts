import { deepStrictEqual } from 'node:assert';
import { DomainError, type DomainErrorKind } from '../shared/domain-error';
import type { Decider } from '../shared/decider';

/**
 * given(events).when(command).then(events | error), for any decider. Uses node:assert so it works
 * under any test runner; a failure throws with a readable diff.
 */
export interface ExpectedError {
  kind?: DomainErrorKind;
  code?: string;
  /** Substring or pattern of the Indonesian message. */
  message?: string | RegExp;
  /** Fields that must be named (400s). */
  fields?: string[];
}

export function givenWhenThen<Command, State, Event, Context>(
  decider: Decider<Command, State, Event, Context>,
  defaultContext: () => Context,
) {
  return function given(events: readonly Event[]) {
    const state = events.reduce(decider.evolve, decider.initialState());
    return {
      state,
      when(command: Command, context: Partial<Context> = {}) {
        const run = () => decider.decide(command, state, { ...defaultContext(), ...context });
        return {
          then(expected: readonly Event[]): Event[] {
            const actual = run();
            deepStrictEqual(actual, expected);
            return actual;
          },
          /** The produced events, for assertions the caller writes itself. */
          events(): Event[] {
            return run();
          },
          thenThrows(expected: ExpectedError): DomainError {
            let produced: Event[] | undefined;
            try {
              produced = run();
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
              if (expected.kind !== undefined) deepStrictEqual(e.kind, expected.kind, `kind: ${e.code} ${e.message}`);
              if (expected.code !== undefined) deepStrictEqual(e.code, expected.code, `code: ${e.message}`);
              if (expected.message !== undefined) {
                const ok = typeof expected.message === 'string' ? e.message.includes(expected.message) : expected.message.test(e.message);
                if (!ok) throw new Error(`message "${e.message}" does not match ${expected.message}`);
              }
              for (const f of expected.fields ?? []) {
                if (!e.issues.some((i) => i.field === f)) throw new Error(`field ${f} not named; issues: ${JSON.stringify(e.issues)}`);
              }
              return e;
            }
            throw new Error(`expected a DomainError ${JSON.stringify(expected)}, got events ${JSON.stringify(produced)}`);
          },
        };
      },
    };
  };
}
