import { securityLoader } from '@digitalcredentials/security-document-loader';
import { CLR_V2_CONTEXT, MULTIKEY_V1_CONTEXT } from './contexts.js';
import { CLR_V2P0_CONTEXT_DOCUMENT } from './contexts/clr-v2p0-context.js';
import { MULTIKEY_V1_CONTEXT_DOCUMENT } from './contexts/multikey-v1-context.js';

export type DocumentLoader = (url: string) => Promise<{ document: unknown; documentUrl: string; contextUrl: null }>;

export class DocumentNotBundled extends Error {
  constructor(readonly url: string) {
    super(`${url} is not bundled: credentials are processed offline and nothing is fetched`);
    this.name = 'DocumentNotBundled';
  }
}

/**
 * A JSON-LD document loader that never fetches: the contexts the credentials use (VC 2.0, Open
 * Badges 3.0, CLR 2.0, Data Integrity, Bitstring Status List, DID v1, Multikey, from installed
 * packages or ./contexts) plus the documents given (this deployment's extension context and its
 * issuers' controller documents and verification methods). Anything else, DIDs included, is refused.
 */
export const bundledDocumentLoader = (documents: ReadonlyMap<string, unknown> = new Map()): DocumentLoader => {
  const bundle = securityLoader({ fetchRemoteContexts: false });
  bundle.addStatic(CLR_V2_CONTEXT, CLR_V2P0_CONTEXT_DOCUMENT);
  bundle.addStatic(MULTIKEY_V1_CONTEXT, MULTIKEY_V1_CONTEXT_DOCUMENT);
  const contexts = bundle.build();
  return async (url) => {
    const document = documents.get(url) ?? documents.get(url.split('#')[0]!);
    if (document !== undefined && !url.includes('#')) return { document, documentUrl: url, contextUrl: null };
    if (document !== undefined) return { document: fragmentOf(document, url), documentUrl: url, contextUrl: null };
    if (url.startsWith('did:')) throw new DocumentNotBundled(url);
    try {
      const loaded = await contexts(url);
      return { document: loaded.document, documentUrl: url, contextUrl: null };
    } catch {
      throw new DocumentNotBundled(url);
    }
  };
};

/** A verification method inside a controller document, by its id (`<controller>#<fragment>`). */
const fragmentOf = (document: unknown, url: string): unknown => {
  const methods = (document as { verificationMethod?: { id?: string }[] }).verificationMethod ?? [];
  const method = methods.find((m) => m.id === url);
  if (!method) throw new DocumentNotBundled(url);
  return method;
};
