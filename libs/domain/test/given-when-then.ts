/**
 * Given/When/Then for deciders:
 *
 *   given(enrolmentDecider, started, submitted('essay'))
 *     .when(mark('essay', 64), at('2026-03-02T09:00:00Z'))
 *     .then([markRecorded('essay', 64)]);
 *
 * `then` compares the decided events exactly; `thenThrows` checks the error class (and message);
 * `thenViolates` checks an InvalidCommand that names exactly the given field(s).
 */
import { fixedClock, fold, InvalidCommand, type Clock, type Decider, type DomainEvent, type Violation } from '#domain';

/** "Now" for every test unless a test says otherwise: Sunday 1 March 2026, 10:00 UTC. */
export const NOW = '2026-03-01T10:00:00Z';
export const TODAY = '2026-03-01';

export const at = (iso: string): Clock => fixedClock(iso);

type ErrorClass = abstract new (...args: never[]) => Error;

export const given = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, ...history: E[]) => ({
  /** The state the history folds to (for assertions on evolve). */
  state: (): S => fold(decider, history),

  when: (command: C, clock: Clock = at(NOW)) => {
    const decide = (): E[] => decider.decide(command, fold(decider, history), clock);

    const thrown = (): unknown => {
      try {
        const events = decide();
        return new Error(`expected the command to be rejected, but it decided ${JSON.stringify(events)}`);
      } catch (error) {
        return error;
      }
    };

    return {
      /** The command succeeds with exactly these events; returns them and the state after them. */
      then(expected: E[]): { events: E[]; state: S } {
        const events = decide();
        expect(events).toStrictEqual(expected);
        return { events, state: fold(decider, [...history, ...events]) };
      },

      /** The command is rejected with this error class (and, if given, a message matching `message`). */
      thenThrows(errorClass: ErrorClass, message?: string | RegExp): Error {
        const error = thrown();
        expect(error).toBeInstanceOf(errorClass);
        if (message !== undefined) expect((error as Error).message).toMatch(message);
        return error as Error;
      },

      /**
       * The command is rejected as invalid, naming `field` and no other field; when `rule` is given,
       * one of the violations on that field must match it.
       */
      thenViolates(field: string, rule?: string | RegExp): Violation[] {
        const violations = invalidCommandFrom(thrown());
        expect(fieldsOf(violations)).toStrictEqual([field]);
        if (rule !== undefined)
          expect(violations.map((v) => v.rule)).toContainEqual(expect.stringMatching(asPattern(rule)));
        return violations;
      },

      /** The command is rejected as invalid, naming exactly these fields (in any order). */
      thenViolatesAll(fields: string[]): Violation[] {
        const violations = invalidCommandFrom(thrown());
        expect(fieldsOf(violations)).toStrictEqual([...new Set(fields)].sort());
        return violations;
      },
    };
  },
});

const invalidCommandFrom = (error: unknown): Violation[] => {
  expect(error).toBeInstanceOf(InvalidCommand);
  return (error as InvalidCommand).violations;
};

/** A string is matched as a plain substring, a RegExp as itself. */
const asPattern = (rule: string | RegExp): RegExp =>
  typeof rule === 'string' ? new RegExp(rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : rule;

const fieldsOf = (violations: Violation[]): string[] => [...new Set(violations.map((v) => v.field))].sort();
