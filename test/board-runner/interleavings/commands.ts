import fc from 'fast-check';
import type { AppealRemedy, Attempt } from '#domain';
import { CHAIR, COMPONENTS, MARKERS, MEMBER, MODERATOR, type World } from './world.js';

type Component = (typeof COMPONENTS)[number];
type Decision = 'confirm' | 'amend' | 'defer';

/** What users and the runner do, in the order generated. `e` picks an enrolment, `newest` a case (0 the newest). */
export type Step =
  | { do: 'mark'; e: number; component: Component; mark: number; marker: number }
  | { do: 'amend'; e: number; component: Component; mark: number }
  | { do: 'moderate'; e: number; component: Component; adjustTo: number | null }
  | { do: 'claim'; e: number }
  | { do: 'flag'; e: number }
  | { do: 'resubmit'; e: number; component: Component }
  /** The learner appeals the confirmed decision; the reviewer upholds it with a remedy, or not (null). */
  | { do: 'appeal'; e: number; remedy: AppealRemedy | null; component: Component }
  /** The deadline sweep's try at closing the enrolment, as if its deadline had passed. */
  | { do: 'lapse'; e: number }
  | { do: 'vote'; e: number; newest: number; chair: boolean; decision: Decision; mark: number }
  | { do: 'quorum'; e: number; newest: number; decision: Decision; mark: number }
  /** `follows`: whether the runner follows the chain the events start within the step (unset: step by step). */
  | { do: 'runner'; events: number; follows?: boolean }
  | { do: 'restart' }
  | { do: 'crash'; afterAppends: number };

/** A fail, a mark near a boundary (50, 60, 70 ± 3) and clean marks. */
const MARKS = [45, 58, 64, 66, 75, 80, 85, 89];

const e = fc.nat(1);
const component = fc.constantFrom(...COMPONENTS);
const mark = fc.constantFrom(...MARKS);
const decision = fc.constantFrom<Decision>('confirm', 'confirm', 'amend', 'defer');

const marking = fc.record({ do: fc.constant('mark' as const), e, component, mark, marker: fc.nat(1) });
const runner = fc.record({
  do: fc.constant('runner' as const),
  events: fc.integer({ min: 1, max: 20 }),
  follows: fc.boolean(),
});

const moderating = fc.record({
  do: fc.constant('moderate' as const),
  e,
  component,
  adjustTo: fc.option(mark, { freq: 3 }),
});
const appealing = fc.record({
  do: fc.constant('appeal' as const),
  e,
  remedy: fc.constantFrom<AppealRemedy | null>('reopen-case', 're-moderate', null),
  component,
});
const deciding = fc.record({ do: fc.constant('quorum' as const), e, newest: fc.nat(2), decision, mark });

export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 7, arbitrary: marking },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('amend' as const), e, component, mark }) },
  { weight: 4, arbitrary: moderating },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('claim' as const), e }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('flag' as const), e }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('resubmit' as const), e, component }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('lapse' as const), e }) },
  { weight: 2, arbitrary: appealing },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('vote' as const),
      e,
      newest: fc.nat(2),
      chair: fc.boolean(),
      decision,
      mark,
    }),
  },
  { weight: 5, arbitrary: deciding },
  { weight: 8, arbitrary: runner },
  { weight: 1, arbitrary: fc.constant({ do: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant('crash' as const), afterAppends: fc.integer({ min: 1, max: 4 }) }),
  },
);

/** Marking first (so cases open early), then anything, in any order. */
export const steps: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(fc.oneof(marking, marking, runner), { minLength: 2, maxLength: 10 }),
    fc.array(step, { minLength: 4, maxLength: 40 }),
  )
  .map(([early, rest]) => [...early, ...rest]);

/** The runner given all it has, following its chains. */
const settle: Step = { do: 'runner', events: 20, follows: true };

/**
 * Each enrolment marked in full, its held marks agreed and its queued case confirmed, so both
 * outcomes stand confirmed; then appeals, moderation and the board's new decisions among anything
 * else: where an award is revoked and reissued.
 */
export const appealedSteps: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(mark, { minLength: 4, maxLength: 4 }),
    fc.array(
      fc.oneof(
        // An appeal, the runner's reaction, and a moderator adjusting the mark it sends back, which
        // changes the result the award shows (when the remedy re-moderates that component).
        {
          weight: 4,
          arbitrary: fc
            .tuple(appealing, runner, mark)
            .map(([appeal, reaction, adjustTo]): Step[] => [
              appeal,
              reaction,
              { do: 'moderate', e: appeal.e, component: appeal.component, adjustTo },
            ]),
        },
        { weight: 3, arbitrary: deciding.map((s): Step[] => [s]) },
        { weight: 4, arbitrary: runner.map((s): Step[] => [s]) },
        { weight: 3, arbitrary: step.map((s): Step[] => [s]) },
      ),
      { minLength: 2, maxLength: 12 },
    ),
  )
  .map(([marks, rest]) => {
    const everyComponent = [0, 1].flatMap((index) => COMPONENTS.map((c) => ({ e: index, component: c })));
    const confirmed: Step[] = [
      ...everyComponent.map(({ e, component }, i): Step => ({ do: 'mark', e, component, mark: marks[i]!, marker: 0 })),
      settle,
      ...everyComponent.map(({ e, component }): Step => ({ do: 'moderate', e, component, adjustTo: null })),
      settle,
      ...[0, 1].map((index): Step => ({ do: 'quorum', e: index, newest: 0, decision: 'confirm', mark: 0 })),
      settle,
    ];
    return [...confirmed, ...rest.flat()];
  });

export const perform = async (world: World, s: Step): Promise<void> => {
  switch (s.do) {
    case 'mark':
      return world.enrolment(s.e, {
        type: 'RecordMark',
        data: {
          componentId: await world.componentWhere(s.e, s.component, (a) => a !== undefined && a.mark === null),
          mark: s.mark,
          markerId: MARKERS[s.marker % MARKERS.length]!,
        },
      });
    case 'amend':
      return world.enrolment(s.e, {
        type: 'AmendMark',
        data: { componentId: s.component, mark: s.mark, reason: 'Re-marked', amendedBy: MARKERS[0] },
      });
    case 'moderate': {
      const componentId = await world.componentWhere(s.e, s.component, (a) => a?.classification === 'sampled');
      return world.enrolment(s.e, {
        type: 'ModerateMark',
        board: world.moderatingBoard(s.e),
        moderatorRole: 'examiner',
        data:
          s.adjustTo === null
            ? { componentId, moderatorId: MODERATOR, decision: 'agreed', reason: 'Consistent' }
            : {
                componentId,
                moderatorId: MODERATOR,
                decision: 'adjusted',
                mark: s.adjustTo,
                reason: 'Adjusted',
              },
      });
    }
    case 'claim':
      return world.enrolment(s.e, { type: 'ClaimMitigatingCircumstances', data: { reason: 'Illness' } });
    case 'flag':
      return world.enrolment(s.e, { type: 'RaiseIntegrityFlag', data: { reason: 'Similarity', raisedBy: MARKERS[0] } });
    case 'resubmit': {
      const referred = (a: Attempt | undefined) => a !== undefined && a.mark !== null && a.mark < 50;
      const componentId = await world.componentWhere(s.e, s.component, referred);
      return world.enrolment(s.e, { type: 'SubmitWork', data: { componentId } });
    }
    case 'lapse':
      return world.lapse(s.e);
    case 'appeal':
      return world.appeal(s.e, s.remedy, s.component);
    case 'vote':
      return world.vote(
        s.e,
        s.newest,
        s.chair ? CHAIR : MEMBER,
        s.decision,
        s.decision === 'amend' ? s.mark : undefined,
      );
    case 'quorum':
      for (const memberId of [MEMBER, CHAIR])
        await world.vote(s.e, s.newest, memberId, s.decision, s.decision === 'amend' ? s.mark : undefined);
      return;
    case 'runner':
      await world.step(s.events, s.follows ?? false);
      return;
    case 'restart':
      return world.restart();
    case 'crash':
      return world.crash(s.afterAppends);
  }
};
