import {
  addDataIntegrityProof,
  buildAchievementCredential,
  bundledDocumentLoader,
  DID_V1_CONTEXT,
  generateIssuerKey,
  identityObject,
  microCredentialContext,
  microCredentialContextUrl,
  multikeyOf,
  MULTIKEY_V1_CONTEXT,
  dataIntegrityProofHolds,
  DocumentNotBundled,
} from '#credentials';
import { jest } from '@jest/globals';
import { BASE_URL, ISSUER, issuedAward } from './award-fixture.js';
import { fixtureIssuer } from './issuer-fixture.js';

/** eddsa-rdfc-2022 proofs with the bundled (offline) loader. */
describe('Data Integrity proofs', () => {
  const key = generateIssuerKey('2026-11-01T00:00:00Z');
  const vm = `${ISSUER.id}#${key.ed25519.thumbprint}`;
  const credential = buildAchievementCredential(issuedAward(), ISSUER, {
    baseUrl: BASE_URL,
    subjectId: 'urn:uuid:6f1c1f7e-3f0b-4c55-9a43-2a1f0d9c8b7a',
    identifiers: [identityObject('learner-1', 'salt')],
    status: { statusListCredential: `${ISSUER.id}/status/revocation`, statusListIndex: 94567 },
  });
  const loaderWith = async () =>
    bundledDocumentLoader(
      new Map<string, unknown>([
        [microCredentialContextUrl(BASE_URL), microCredentialContext(BASE_URL)],
        [
          ISSUER.id,
          {
            '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
            id: ISSUER.id,
            verificationMethod: [await multikeyOf(key.ed25519, vm, ISSUER.id)],
            assertionMethod: [vm],
          },
        ],
      ]),
    );

  it('gives the same proof for the same credential, so a credential read twice is the same bytes', async () => {
    const sign = async () =>
      addDataIntegrityProof(credential, {
        key: key.ed25519,
        verificationMethod: vm,
        controller: ISSUER.id,
        created: credential.validFrom!,
        loader: await loaderWith(),
      });
    expect((await sign()).proof).toEqual((await sign()).proof);
  });

  it('signs the achievement credential and verifies it', async () => {
    const loader = await loaderWith();
    let signed;
    try {
      signed = await addDataIntegrityProof(credential, {
        key: key.ed25519,
        verificationMethod: vm,
        controller: ISSUER.id,
        created: credential.validFrom!,
        loader,
      });
    } catch (error) {
      console.log(JSON.stringify((error as { details?: unknown }).details, null, 1).slice(0, 3000));
      throw error;
    }
    expect(signed.proof).toMatchObject([{ cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' }]);
    expect(await dataIntegrityProofHolds(signed, loader)).toEqual({ verified: true, errors: [] });
  });
});

/** Signing and verifying never reach the network: fetch throws, and an unknown context is refused. */
describe('offline document loading', () => {
  const fetchSpy = jest.spyOn(globalThis, 'fetch');
  beforeAll(() => {
    fetchSpy.mockRejectedValue(new Error('no network in credential processing'));
  });
  afterAll(() => {
    fetchSpy.mockRestore();
  });

  it('signs and verifies with fetch throwing, and never calls it', async () => {
    const issuer = fixtureIssuer();
    const proved = await issuer.prove(
      buildAchievementCredential(issuedAward(), ISSUER, {
        baseUrl: BASE_URL,
        subjectId: 'urn:uuid:6f1c1f7e-3f0b-4c55-9a43-2a1f0d9c8b7a',
        identifiers: [identityObject('learner-1', 'salt')],
        status: { statusListCredential: `${ISSUER.id}/status/revocation`, statusListIndex: 7 },
      }),
    );
    expect(await dataIntegrityProofHolds(proved, await issuer.loader())).toEqual({ verified: true, errors: [] });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a context it does not bundle, and a DID, instead of fetching them', async () => {
    const loader = bundledDocumentLoader();
    await expect(loader('https://example.org/unknown-context.jsonld')).rejects.toBeInstanceOf(DocumentNotBundled);
    await expect(loader('did:web:example.org')).rejects.toBeInstanceOf(DocumentNotBundled);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
