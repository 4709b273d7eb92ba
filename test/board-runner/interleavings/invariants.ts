import { boundariesFor, enrolmentDecider, fold, isWithinMarginOf, streams, type EnrolmentEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { SAMPLING, type World } from './world.js';

/** The enrolment's events as domain events (the store hands back what the decider appended). */
const asEnrolmentEvents = (recorded: RecordedEvent[]): EnrolmentEvent[] =>
  recorded.map((event) => ({ type: event.type, data: event.data }) as EnrolmentEvent);

/**
 * What must hold once the runner has settled, whatever the interleaving:
 * - every confirmed outcome is the outcome its deciding case was opened for (same version, same outcome);
 * - the current outcome of an assessed enrolment is queued in exactly one live case; every other case is superseded;
 * - every confirmed pass has exactly one award in force, showing its result, and every award in
 *   force a confirmed pass (or a decision an upheld appeal set aside, until the board decides again);
 * - a sampled or moderated mark that is amended is moderated again before it counts; no fail or
 *   near-boundary mark is released unmoderated.
 * Returns the violations found (empty when all hold), and what the run exercised (for coverage).
 */
export const check = async (world: World): Promise<{ violations: string[]; seen: Set<string> }> => {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const enrolmentId of world.enrolmentIds) {
    const say = (what: string) => found.push(`enrolment ${enrolmentId.slice(0, 8)}: ${what}`);
    const recorded = await world.store.read(streams.enrolment(enrolmentId));
    const events = asEnrolmentEvents(recorded);
    const enrolment = fold(enrolmentDecider, events);
    if (enrolment.status === 'none') continue;
    const cases = await world.cases(enrolmentId);
    // A case whose confirmed decision an upheld appeal set aside is history, as a superseded one is.
    const setAside = new Set(enrolment.appeals.map((a) => a.caseId));
    const live = cases.filter((c) => c.status !== 'superseded' && !setAside.has(c.caseId));
    const award = await world.award(enrolmentId);
    if (cases.some((c) => c.status === 'superseded')) seen.add('a case superseded');
    if (cases.some((c) => c.status === 'superseded' && c.decision !== null)) seen.add('a decision superseded');
    if (cases.some((c) => c.supersession?.reason.startsWith('the confirmation was refused')))
      seen.add('a confirmation refused');
    if (enrolment.confirmation && !enrolment.confirmation.delegated) seen.add('confirmed by a quorum');
    if (enrolment.confirmation?.delegated) seen.add('confirmed under delegated authority');
    if (events.some((event) => event.type === 'OutcomeCalculated' && event.data.note?.startsWith('referral of')))
      seen.add('a referral lapsed');
    if (events.some((event) => event.type === 'MarkSampledForModeration' && event.data.reason === 'amended'))
      seen.add('an amended mark sent back to moderation');

    const confirmations = recorded.filter((event) => event.type === 'OutcomeConfirmed');
    if (confirmations.length > 1 + setAside.size)
      say(`confirmed ${confirmations.length} times, with ${setAside.size} decisions set aside on appeal`);
    if (setAside.size > 0) seen.add('a decision set aside on appeal');
    const confirmation = enrolment.confirmation;
    if (confirmation) {
      const deciding = cases.find((c) => c.caseId === confirmation.caseId);
      const confirmedAt = confirmations.at(-1)!.streamVersion;
      const before = fold(enrolmentDecider, events.slice(0, confirmedAt - 1));
      if (!deciding) say(`confirmed by case ${confirmation.caseId}, which is not one of its cases`);
      else {
        if (deciding.status !== 'decided' || deciding.decision?.decision === 'defer')
          say(`confirmed by case ${deciding.caseId}, which is ${deciding.status}`);
        if (deciding.outcomeVersion !== confirmation.outcomeVersion)
          say(`confirmed version ${confirmation.outcomeVersion}, its case showed ${deciding.outcomeVersion}`);
        if (before.status === 'none' || before.outcomeVersion !== deciding.outcomeVersion)
          say(`confirmed an outcome its case ${deciding.caseId} did not show`);
        else if (JSON.stringify(before.outcome) !== JSON.stringify(deciding.outcome))
          say(
            `confirmed outcome ${JSON.stringify(before.outcome)}, its case showed ${JSON.stringify(deciding.outcome)}`,
          );
        const expectedMark = confirmation.amended ? deciding.decision?.mark : deciding.outcome.weightedMark;
        if (confirmation.weightedMark !== expectedMark)
          say(`confirmed weighted mark ${confirmation.weightedMark}, the board decided ${expectedMark}`);
      }
      if (live.length !== 1) say(`${live.length} cases not superseded after confirmation`);
    } else if (enrolment.status === 'assessed' && enrolment.outcome?.result === 'referral') {
      say('assessed with a referral: no one can act on it');
    } else if (enrolment.status === 'assessed') {
      const queued = live.filter((c) => c.status === 'pending' || c.status === 'deferred');
      if (live.length !== 1 || queued.length !== 1)
        say(`assessed, but ${live.length} live cases (${live.map((c) => c.status).join(', ')})`);
      else if (queued[0]!.outcomeVersion !== enrolment.outcomeVersion)
        say(`queued case shows version ${queued[0]!.outcomeVersion}, the enrolment is at ${enrolment.outcomeVersion}`);
    } else if (live.length > 0) say(`${enrolment.status} with no outcome standing, but a live case`);

    const passed = confirmation?.result === 'pass';
    const revoked = new Set(award.filter((event) => event.type === 'AwardRevoked').map((event) => event.streamId));
    const inForce = award.filter((event) => event.type === 'AwardIssued' && !revoked.has(event.streamId));
    if (revoked.size > 0) seen.add('an award revoked on appeal');
    // While an upheld appeal's new decision is awaited, the award in force stands.
    const awaitingNewDecision = confirmation === null && setAside.size > 0;
    if (passed && inForce.length !== 1) say(`a confirmed pass with ${inForce.length} awards in force`);
    if (!passed && !awaitingNewDecision && inForce.length > 0) say('an award in force without a confirmed pass');
    for (const event of passed ? inForce : []) {
      const data = event.data as {
        enrolmentId: string;
        caseId: string;
        result: { weightedMark: number; grade: string };
      };
      if (data.enrolmentId !== enrolmentId) say(`award for ${data.enrolmentId}`);
      // After an appeal, an award showing the result the board decided again stands, though an older case issued it.
      if (
        setAside.size === 0
          ? data.caseId !== confirmation?.caseId
          : data.result.weightedMark !== confirmation?.weightedMark || data.result.grade !== confirmation?.grade
      )
        say(`award by case ${data.caseId} showing ${JSON.stringify(data.result)}, not the confirmed outcome`);
    }

    found.push(...moderationViolations(events).map((v) => `enrolment ${enrolmentId.slice(0, 8)}: ${v}`));
  }
  return { violations: found, seen };
};

/** Walks the enrolment's own history: what a moderator holds must never be released past them. */
const moderationViolations = (events: EnrolmentEvent[]): string[] => {
  const found: string[] = [];
  const mustModerate = new Set<string>();
  let state = fold(enrolmentDecider, []);
  for (const event of events) {
    const before = state;
    state = enrolmentDecider.evolve(state, event);
    if (before.status === 'none' || state.status === 'none') continue;
    switch (event.type) {
      case 'MarkAmended': {
        const attempt = before.attempts[event.data.componentId]?.at(-1);
        if (attempt?.classification === 'sampled' || attempt?.classification === 'moderated')
          mustModerate.add(event.data.componentId);
        break;
      }
      case 'MarkModerated':
        mustModerate.delete(event.data.componentId);
        break;
      case 'MarkReleased': {
        const { componentId } = event.data;
        if (mustModerate.has(componentId)) found.push(`${componentId} released after an amendment of a sampled mark`);
        const released = state.attempts[componentId]?.at(-1)?.mark ?? -1;
        const passMark = state.scheme.components.find((c) => c.id === componentId)?.passMark ?? 50;
        if (released < passMark || isWithinMarginOf(released, boundariesFor(passMark), SAMPLING.boundaryMargin))
          found.push(`${componentId} mark ${released} released unmoderated`);
        break;
      }
      case 'OutcomeCalculated':
        if (mustModerate.size > 0) found.push(`outcome calculated while ${[...mustModerate]} await moderation`);
        break;
      default:
        break;
    }
  }
  return found;
};
