import {
  addDataIntegrityProof,
  bundledDocumentLoader,
  DID_V1_CONTEXT,
  generateIssuerKey,
  microCredentialContext,
  microCredentialContextUrl,
  multikeyOf,
  MULTIKEY_V1_CONTEXT,
  signVcJwt,
  type DocumentLoader,
  type IssuerKey,
  type JwtAlgorithm,
  type VerifiableCredential,
} from '#credentials';
import { BASE_URL, ISSUER } from './award-fixture.js';

/** An issuer key of the fixture issuer, with what a verifier needs to check its proofs offline. */
export const fixtureIssuer = (key: IssuerKey = generateIssuerKey('2026-11-01T00:00:00Z')) => {
  const vm = `${ISSUER.id}#${key.ed25519.thumbprint}`;
  const kid = (alg: JwtAlgorithm) =>
    `${ISSUER.id}/keys/${alg === 'RS256' ? key.rsa.thumbprint : key.ed25519.thumbprint}`;
  const loader = async (): Promise<DocumentLoader> =>
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
  const prove = async (credential: VerifiableCredential) =>
    addDataIntegrityProof(credential, {
      key: key.ed25519,
      verificationMethod: vm,
      controller: ISSUER.id,
      created: credential.validFrom!,
      loader: await loader(),
    });
  const jwt = (credential: VerifiableCredential, alg: JwtAlgorithm = 'RS256') =>
    signVcJwt(credential, {
      alg,
      privateKey: alg === 'RS256' ? key.rsa.privateKey : key.ed25519.privateKey,
      kid: kid(alg),
    });
  const resolveKey = (id: string) =>
    id === kid('RS256') ? key.rsa.publicKey : id === kid('EdDSA') ? key.ed25519.publicKey : undefined;
  return { key, vm, kid, loader, prove, jwt, resolveKey };
};
