// @ts-check
/**
 * Why testcontainers cannot start containers here, or undefined when it can. (testcontainers is
 * pinned to 11.x: 12.x bundles an undici that does not load on Node 20, the stack's Node.)
 *
 * @returns {Promise<string | undefined>}
 */
export const containerRuntimeProblem = async () => {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `no container runtime reachable (${error instanceof Error ? error.message : String(error)})`;
  }
};
