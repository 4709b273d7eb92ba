import type { Step } from './commands.js';

/** Interleavings that once broke outcome integrity, replayed on every run (found by the property test or the issue). */
export const REGRESSIONS: Record<string, Step[]> = {
  'issue 15: a final mark amended a moment later': [
    { do: 'mark', e: 0, component: 'essay', mark: 64, marker: 0 },
    { do: 'mark', e: 0, component: 'exam', mark: 66, marker: 0 },
    { do: 'runner', events: 6 },
    { do: 'amend', e: 0, component: 'exam', mark: 80 },
    { do: 'runner', events: 6 },
    { do: 'mark', e: 1, component: 'essay', mark: 64, marker: 1 },
    { do: 'mark', e: 1, component: 'exam', mark: 66, marker: 1 },
  ],
  'issue 15: a case opened at 80, amended to 89, the old case confirmed': [
    { do: 'claim', e: 0 },
    { do: 'mark', e: 0, component: 'essay', mark: 80, marker: 0 },
    { do: 'mark', e: 0, component: 'exam', mark: 80, marker: 0 },
    { do: 'runner', events: 6 },
    { do: 'runner', events: 6 },
    { do: 'amend', e: 0, component: 'essay', mark: 89 },
    { do: 'quorum', e: 0, newest: 0, decision: 'confirm', mark: 0 },
    { do: 'runner', events: 6 },
    { do: 'quorum', e: 0, newest: 1, decision: 'confirm', mark: 0 },
  ],
  'mitigating circumstances claimed after the board decided, before the runner confirmed': [
    { do: 'mark', e: 0, component: 'essay', mark: 58, marker: 0 },
    { do: 'mark', e: 0, component: 'exam', mark: 66, marker: 0 },
    { do: 'runner', events: 6 },
    { do: 'moderate', e: 0, component: 'essay', adjustTo: null },
    { do: 'runner', events: 6 },
    { do: 'runner', events: 6 },
    { do: 'quorum', e: 0, newest: 0, decision: 'confirm', mark: 0 },
    { do: 'claim', e: 0 },
    { do: 'runner', events: 6 },
  ],
  // Found by the property with the supersede rule removed (seed 1735344327): two live cases, the old one decided.
  'an integrity flag raised while a clean case is confirmed, across a runner crash': [
    { do: 'mark', e: 0, component: 'essay', mark: 45, marker: 0 },
    { do: 'mark', e: 0, component: 'essay', mark: 64, marker: 0 },
    { do: 'runner', events: 1 },
    { do: 'runner', events: 4 },
    { do: 'moderate', e: 0, component: 'essay', adjustTo: 64 },
    { do: 'runner', events: 1 },
    { do: 'flag', e: 0 },
    { do: 'runner', events: 1 },
    { do: 'runner', events: 1 },
    { do: 'crash', afterAppends: 1 },
    { do: 'mark', e: 0, component: 'essay', mark: 45, marker: 0 },
  ],
  // Found by the property with 17,000 runs (seed -1694128926): the referral of attempt 1 let the learner
  // submit attempt 3 while attempt 2's failing mark awaited sampling, and the runner failed to classify it.
  'a third attempt submitted while the resubmission awaits its sampling decision': [
    { do: 'mark', e: 1, component: 'essay', mark: 58, marker: 0 },
    { do: 'mark', e: 1, component: 'essay', mark: 64, marker: 0 },
    { do: 'mark', e: 0, component: 'essay', mark: 45, marker: 0 },
    { do: 'mark', e: 0, component: 'essay', mark: 45, marker: 0 },
    { do: 'runner', events: 1, follows: true },
    { do: 'moderate', e: 1, component: 'essay', adjustTo: 45 },
    { do: 'resubmit', e: 1, component: 'essay' },
    { do: 'mark', e: 1, component: 'essay', mark: 45, marker: 0 },
    { do: 'resubmit', e: 1, component: 'essay' },
    { do: 'vote', e: 0, newest: 0, chair: false, decision: 'confirm', mark: 45 },
    { do: 'quorum', e: 0, newest: 0, decision: 'confirm', mark: 45 },
  ],
  // Closed on attempt 1's marks, the resubmission's later release recalculated a referral after
  // the deadline: assessed with a referral no one could act on.
  'a referral lapsing while the resubmission awaits its sampling decision': [
    { do: 'mark', e: 0, component: 'essay', mark: 45, marker: 0 },
    { do: 'mark', e: 0, component: 'exam', mark: 45, marker: 0 },
    { do: 'runner', events: 20 },
    { do: 'moderate', e: 0, component: 'essay', adjustTo: null },
    { do: 'moderate', e: 0, component: 'exam', adjustTo: null },
    { do: 'runner', events: 20 },
    { do: 'resubmit', e: 0, component: 'essay' },
    { do: 'mark', e: 0, component: 'essay', mark: 75, marker: 1 },
    { do: 'lapse', e: 0 },
    { do: 'runner', events: 20 },
    { do: 'moderate', e: 0, component: 'essay', adjustTo: null },
    { do: 'runner', events: 20 },
    { do: 'lapse', e: 0 },
  ],
};
