import { courseDecider, fixedClock } from '#domain';

describe('smoke', () => {
  it('has an initial state', () => {
    expect(courseDecider.initialState).toEqual({ status: 'none' });
    expect(fixedClock('2026-01-01T00:00:00Z').now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
