import { VC_JWT_MEDIA_TYPE, VC_MEDIA_TYPE } from '#credentials';

/** What a caller asked for at a credential URL, by its Accept header (first listed wins). */
export type CredentialRepresentation = 'vc+jwt' | 'vc' | 'html' | 'json';

const REPRESENTATIONS: [string, CredentialRepresentation][] = [
  [VC_JWT_MEDIA_TYPE, 'vc+jwt'],
  [VC_MEDIA_TYPE, 'vc'],
  ['application/vc+ld+json', 'vc'],
  ['application/ld+json', 'vc'],
  ['text/html', 'html'],
  ['application/json', 'json'],
];

export const representationFor = (accept: string | undefined, fallback: CredentialRepresentation) => {
  for (const range of (accept ?? '').split(',')) {
    const type = range.split(';')[0]!.trim().toLowerCase();
    const found = REPRESENTATIONS.find(([media]) => media === type);
    if (found) return found[1];
  }
  return fallback;
};

/** Fastify serialises objects only for JSON media types it knows: other ones get the JSON text. */
export const jsonAs = (reply: { type(type: string): unknown }, mediaType: string, value: unknown): string => {
  reply.type(mediaType);
  return JSON.stringify(value);
};
