/**
 * True when the suite's service is there (`problem` undefined). Otherwise registers, in place of the
 * suite, a failing test on CI (CI=true) or a loud skip elsewhere, and returns false.
 */
export const serviceAvailableFor = (suite: string, need: string, problem: string | undefined): boolean => {
  if (problem === undefined) return true;
  if (process.env.CI === 'true') {
    describe(suite, () => {
      it(`needs ${need} on CI`, () => {
        throw new Error(problem);
      });
    });
  } else {
    console.warn(`\n*** SKIPPING the ${suite} suite: ${problem} ***\n`);
    describe.skip(`${suite} (skipped: ${problem})`, () => {
      it('runs', () => undefined);
    });
  }
  return false;
};
