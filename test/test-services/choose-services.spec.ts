import { chooseServices } from '../../scripts/test-services/choose-services.mjs';

/** The decision scripts/with-services.sh acts on, with a fake runtime probe. */
describe('where the test services come from', () => {
  const runtimeUsable = async () => undefined;
  const noRuntime = async () => 'no container runtime reachable (socket not found)';

  it('takes containers when the runtime is usable', async () => {
    expect(await chooseServices(undefined, runtimeUsable)).toEqual({ kind: 'containers' });
  });

  it('falls back to the local services, with the probe’s reason, when it is not', async () => {
    expect(await chooseServices(undefined, noRuntime)).toEqual({
      kind: 'local',
      reason: 'no container runtime reachable (socket not found)',
    });
  });

  it('keeps the local services under TEST_SERVICES=local without probing', async () => {
    let probed = false;
    const probe = async () => {
      probed = true;
      return undefined;
    };
    expect(await chooseServices('local', probe)).toEqual({ kind: 'local', reason: 'TEST_SERVICES=local' });
    expect(probed).toBe(false);
  });
});
