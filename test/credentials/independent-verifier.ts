import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { securityLoader } from '@digitalcredentials/security-document-loader';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { CLR_V2P0_CONTEXT_DOCUMENT } from '../../libs/credentials/src/contexts/clr-v2p0-context.js';
import type { TestApp } from '../support/test-app.js';

type Document = Record<string, any>;

/**
 * A verifier that is not Credence's: Digital Bazaar's `verifyCredential` with the eddsa-rdfc-2022
 * cryptosuite, and jose's `jwtVerify`. It dereferences the issuer's documents over HTTP (issuer
 * Profile, JWK, status list, extension context) and takes every other JSON-LD context from
 * `@digitalcredentials/security-document-loader` (plus the official CLR 2.0 context file), never
 * from the network: an unknown URL is refused.
 */
export const independentVerifier = (api: TestApp) => {
  /**
   * Public URLs name the configured base URL; the test app listens on its own port. The request
   * names the URL's host, as it would arrive were that host's name pointed at the app.
   */
  const get = (url: string, accept = 'application/json'): Promise<Document> =>
    new Promise((resolve, reject) => {
      const { pathname, host } = new URL(url);
      const request = http.get(`${api.baseUrl}${pathname}`, { headers: { accept, host } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          if (response.statusCode === 200) resolve(JSON.parse(body) as Document);
          else reject(new Error(`${url}: HTTP ${response.statusCode}`));
        });
      });
      request.on('error', reject);
    });
  const ours = (url: string) => url.includes('/v1/credentials/');

  const documentLoader = async (url: string) => {
    const [base, fragment] = url.split('#');
    if (ours(base!)) {
      const document = await get(base!, 'application/ld+json');
      const found = fragment
        ? (document.verificationMethod as Document[] | undefined)?.find((method) => method.id === url)
        : document;
      if (!found) throw new Error(`${url} not found`);
      return { document: found, documentUrl: url, contextUrl: null };
    }
    return bundled(url);
  };

  const dataIntegrity = async (credential: Document): Promise<{ verified: boolean; errors: string[] }> => {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    });
    return { verified: result.verified, errors: result.error?.errors?.map((e) => e.message) ?? [] };
  };

  /** OB 3.0 §8.2: typ JWT, kid dereferences to a JWK, RS256/EdDSA; nbf/exp checked by jose. */
  const vcJwt = async (jwt: string) => {
    const { kid } = decodeProtectedHeader(jwt);
    const jwk = (await get(kid!)) as JWK;
    return jwtVerify(jwt, await importJWK(jwk, jwk.alg), { typ: 'JWT', algorithms: ['RS256', 'EdDSA'] });
  };

  /** The credential's bit in the status list it names (W3C Bitstring Status List §3.2, read by hand). */
  const revoked = async (credential: Document): Promise<boolean> => {
    const entry = credential.credentialStatus as Document;
    const list = await get(entry.statusListCredential, 'application/vc');
    expectVerified(await dataIntegrity(list));
    const bytes = gunzipSync(Buffer.from((list.credentialSubject.encodedList as string).slice(1), 'base64url'));
    const index = Number(entry.statusListIndex);
    return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  };

  return { dataIntegrity, vcJwt, revoked, documentLoader };
};

const expectVerified = (result: { verified: boolean; errors: string[] }) => {
  if (!result.verified) throw new Error(`status list does not verify: ${result.errors.join('; ')}`);
};

const contexts = (() => {
  const loader = securityLoader({ fetchRemoteContexts: false });
  loader.addStatic('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', CLR_V2P0_CONTEXT_DOCUMENT);
  return loader.build();
})();
const bundled = async (url: string) => {
  const { document } = await contexts(url);
  return { document, documentUrl: url, contextUrl: null };
};
