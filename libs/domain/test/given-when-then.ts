/**
 * Given/When/Then for deciders:
 *
 *   given(enrolmentDecider, started, workSubmitted('essay'))
 *     .when(mark('essay', 64), at('2026-03-02T09:00:00Z'))
 *     .then([markRecorded('essay', 64)]);
 *
 * `then` compares the decided events exactly; `thenThrows` checks the error class (and message);
 * `thenViolates` checks an InvalidCommand that names exactly the given field(s).
 */
import {
  fixedClock,
  fold,
  InvalidCommand,
  type Clock,
  type Decider,
  type DomainEvent,
  type Violation,
  type Workflow,
} from '#domain';

/** "Now" for every test unless a test says otherwise: Sunday 1 March 2026, 10:00 UTC. */
export const NOW = '2026-03-01T10:00:00Z';

export const at = (iso: string): Clock => fixedClock(iso);

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export const given = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, ...history: E[]) => ({
  /** The state the history folds to (for assertions on evolve). */
  state: (): S => fold(decider, history),

  when: (command: C, clock: Clock = at(NOW)) => {
    const decide = (): E[] => decider.decide(command, fold(decider, history), clock);

    /** The error the command is rejected with; fails the test, saying what happened, otherwise. */
    const rejection = <T extends Error>(errorClass: ErrorClass<T>): T => {
      let events: E[];
      try {
        events = decide();
      } catch (error) {
        if (error instanceof errorClass) return error;
        throw new Error(`expected ${errorClass.name}, but the command threw ${String(error)}`, { cause: error });
      }
      throw new Error(`expected ${errorClass.name}, but the command decided ${JSON.stringify(events, null, 2)}`);
    };

    return {
      /** The command succeeds with exactly these events; returns them and the state after them. */
      then(expected: E[]): { events: E[]; state: S } {
        const events = decide();
        expect(events).toStrictEqual(expected);
        return { events, state: fold(decider, [...history, ...events]) };
      },

      /** The command is rejected with this error class (and, if given, a message matching `message`). */
      thenThrows<T extends Error>(errorClass: ErrorClass<T>, message?: string | RegExp): T {
        const error = rejection(errorClass);
        if (message !== undefined) expect(error.message).toMatch(message);
        return error;
      },

      /**
       * The command is rejected as invalid, naming `field` and no other field; when `rule` is given,
       * one of the violations on that field must match it.
       */
      thenViolates(field: string, rule?: string | RegExp): Violation[] {
        const { violations } = rejection(InvalidCommand);
        expect(fieldsOf(violations)).toStrictEqual([field]);
        if (rule !== undefined)
          expect(violations.map((v) => v.rule)).toContainEqual(expect.stringMatching(asPattern(rule)));
        return violations;
      },

      /** The command is rejected as invalid, naming exactly these fields (in any order). */
      thenViolatesAll(fields: string[]): Violation[] {
        const { violations } = rejection(InvalidCommand);
        expect(fieldsOf(violations)).toStrictEqual([...new Set(fields)].sort());
        return violations;
      },
    };
  },
});

/** A string is matched as a plain substring, a RegExp as itself. */
const asPattern = (rule: string | RegExp): RegExp =>
  typeof rule === 'string' ? new RegExp(rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : rule;

const fieldsOf = (violations: Violation[]): string[] => [...new Set(violations.map((v) => v.field))].sort();

/**
 * Given/When/Then for workflows (process managers):
 *
 *   givenFlow(workflow, boardConstituted(), enrolmentStarted())
 *     .when(outcomeCalculated(distinction))
 *     .then([openCase]);
 *
 * The history holds what the workflow reacted to and what it decided, folded with its evolve.
 */
export const givenFlow = <I, O, S>(workflow: Workflow<I, O, S>, ...history: (I | O)[]) => {
  const state = (): S => history.reduce(workflow.evolve, workflow.initialState());
  return {
    state,
    when: (input: I) => ({
      /** The workflow decides exactly these outputs; returns them and the state after input and outputs. */
      then(expected: O[]): { outputs: O[]; state: S } {
        const outputs = workflow.decide(input, state());
        expect(outputs).toStrictEqual(expected);
        return { outputs, state: [input, ...outputs].reduce(workflow.evolve, state()) };
      },
    }),
  };
};
