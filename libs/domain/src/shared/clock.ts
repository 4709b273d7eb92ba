/** Time comes in through this port so deciders stay deterministic and testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock => {
  const instant = new Date(iso);
  return { now: () => new Date(instant) };
};
