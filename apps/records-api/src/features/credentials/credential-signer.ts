import { Inject, Injectable } from '@nestjs/common';
import {
  activeKeys,
  addDataIntegrityProof,
  bundledDocumentLoader,
  DID_V1_CONTEXT,
  microCredentialContext,
  microCredentialContextUrl,
  multikeyOf,
  MULTIKEY_V1_CONTEXT,
  OB_V3_CONTEXT,
  signingKeyOf,
  signVcJwt,
  type DocumentLoader,
  type IssuerProfile,
  type JWK,
  type VerifiableCredential,
} from '#credentials';
import { baseUrlsOf, CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { jwkUrl, verificationMethodId } from './urls.js';
import { IssuerRegistry, type Issuer } from './issuer-registry.js';

/** A credential in both securing mechanisms: an embedded Data Integrity proof, and the VC-JWT of that. */
export interface SecuredCredential {
  credential: VerifiableCredential;
  jwt: string;
}

/**
 * Signs with the issuer's current key and resolves every key not retired for verification. The
 * documents a Data Integrity verifier needs (the extension context, each issuer's Profile with its
 * Multikeys) are served over HTTP and also handed to the bundled loader, which never fetches.
 */
@Injectable()
export class CredentialSigner {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    private readonly issuers: IssuerRegistry,
  ) {}

  /** The embedded proof first, then the JWT over the proved credential (OB 3.0 §8.2.4.2). */
  async secure(credential: VerifiableCredential, issuer: Issuer): Promise<SecuredCredential> {
    const key = signingKeyOf(issuer.ring);
    const proved = await this.prove(credential, issuer);
    const rsa = this.settings.jwtAlgorithm === 'RS256';
    const pair = rsa ? key.rsa : key.ed25519;
    const jwt = await signVcJwt(proved, {
      alg: this.settings.jwtAlgorithm,
      privateKey: pair.privateKey,
      kid: jwkUrl(issuer.id, pair.thumbprint),
    });
    return { credential: proved, jwt };
  }

  /** The credential with an embedded Data Integrity proof only: enough for one nested in a CLR. */
  async prove(credential: VerifiableCredential, issuer: Issuer): Promise<VerifiableCredential> {
    const key = signingKeyOf(issuer.ring);
    return addDataIntegrityProof(credential, {
      key: key.ed25519,
      verificationMethod: verificationMethodId(issuer.id, key.ed25519.thumbprint),
      controller: issuer.id,
      created: credential.validFrom!,
      loader: await this.loader([issuer]),
    });
  }

  /** The issuer's Profile as the controller document of its Multikeys (assertionMethod). */
  async profileDocument(issuer: Issuer) {
    const methods = await Promise.all(
      activeKeys(issuer.ring).map((key) =>
        multikeyOf(key.ed25519, verificationMethodId(issuer.id, key.ed25519.thumbprint), issuer.id),
      ),
    );
    return {
      // DID v1 first: Data Integrity verifiers then read the document as a controller document as is.
      '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT],
      ...this.profile(issuer),
      verificationMethod: methods,
      assertionMethod: methods.map((method) => method.id),
    };
  }

  profile(issuer: Issuer, countryCode?: string): IssuerProfile {
    return {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      url: this.settings.baseUrl,
      ...(countryCode ? { address: { type: ['Address'], addressCountryCode: countryCode } } : {}),
    };
  }

  /** Public JWKs of every key not retired, each with its `kid` URL. */
  jwks(issuer: Issuer): (JWK & { kid: string; alg: string; use: 'sig' })[] {
    return activeKeys(issuer.ring).flatMap((key) => [
      { ...key.rsa.publicJwk, kid: jwkUrl(issuer.id, key.rsa.thumbprint), alg: 'RS256', use: 'sig' as const },
      { ...key.ed25519.publicJwk, kid: jwkUrl(issuer.id, key.ed25519.thumbprint), alg: 'EdDSA', use: 'sig' as const },
    ]) as (JWK & { kid: string; alg: string; use: 'sig' })[];
  }

  /**
   * The public JWK a `kid` names, if it is a key (not retired) of one of this deployment's issuers,
   * under the current base URL or a former one.
   */
  resolveKey(kid: string): JWK | undefined {
    const issuer = this.everywhere(this.issuers.all()).find((candidate) => kid.startsWith(`${candidate.id}/keys/`));
    return issuer && this.jwks(issuer).find((jwk) => jwk.kid === kid);
  }

  /** Each issuer under every base URL the deployment answers for. */
  private everywhere(issuers: readonly Issuer[]): Issuer[] {
    return baseUrlsOf(this.settings).flatMap((base) => issuers.map((issuer) => this.issuers.at(issuer, base)));
  }

  /**
   * The bundled loader with this deployment's own documents under every base URL it answers for:
   * the extension context, and the Profiles of the issuers named (all, under every base, unless some are).
   */
  async loader(only?: readonly Issuer[]): Promise<DocumentLoader> {
    const documents = new Map<string, unknown>(
      baseUrlsOf(this.settings).map((base) => [microCredentialContextUrl(base), microCredentialContext(base)]),
    );
    for (const issuer of only ?? this.everywhere(this.issuers.all()))
      documents.set(issuer.id, await this.profileDocument(issuer));
    return bundledDocumentLoader(documents);
  }
}
