// @ts-check
/**
 * Where the test services come from: containers when a container runtime is usable, the machine's
 * own PostgreSQL and Kafka otherwise. TEST_SERVICES=local keeps the local services even with Docker.
 *
 * @param {string | undefined} preference the TEST_SERVICES variable
 * @param {() => Promise<string | undefined>} runtimeProblem why no container runtime is usable, or undefined
 * @returns {Promise<{ kind: 'containers' } | { kind: 'local', reason: string }>}
 */
export const chooseServices = async (preference, runtimeProblem) => {
  if (preference === 'local') return { kind: 'local', reason: 'TEST_SERVICES=local' };
  const problem = await runtimeProblem();
  return problem === undefined ? { kind: 'containers' } : { kind: 'local', reason: problem };
};
