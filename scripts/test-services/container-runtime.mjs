// @ts-check
import { readFileSync } from 'node:fs';

const TESTCONTAINERS_PACKAGE = new URL('../../node_modules/testcontainers/package.json', import.meta.url);

/** "22.22" -> [22, 22]: enough to compare against an engines range of the form ">= X.Y". */
const majorMinor = (/** @type {string} */ version) => (version.match(/\d+/g) ?? []).slice(0, 2).map(Number);

const atLeast = (
  /** @type {number[]} */ [major = 0, minor = 0],
  /** @type {number[]} */ [wantMajor = 0, wantMinor = 0],
) => major > wantMajor || (major === wantMajor && minor >= wantMinor);

/**
 * Why testcontainers cannot start containers here, or undefined when it can. The Node check comes
 * first because testcontainers 12 does not even load on an older Node (its undici needs zstd).
 *
 * @returns {Promise<string | undefined>}
 */
export const containerRuntimeProblem = async () => {
  const { engines } = JSON.parse(readFileSync(TESTCONTAINERS_PACKAGE, 'utf8'));
  const needed = String(engines?.node ?? '0');
  if (!atLeast(majorMinor(process.versions.node), majorMinor(needed)))
    return `testcontainers needs Node ${needed}, this is Node ${process.versions.node}`;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `no container runtime reachable (${error instanceof Error ? error.message : String(error)})`;
  }
};
