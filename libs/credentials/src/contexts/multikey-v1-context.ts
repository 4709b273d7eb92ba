/**
 * The Multikey context (https://w3id.org/security/multikey/v1, W3C Controlled Identifiers /
 * Data Integrity): no installed package ships it, so it is written out here from the W3C text.
 */
const SEC = 'https://w3id.org/security#';
const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
export const MULTIKEY_V1_CONTEXT_DOCUMENT = {
  '@context': {
    id: '@id',
    type: '@type',
    '@protected': true,
    Multikey: {
      '@id': `${SEC}Multikey`,
      '@context': {
        '@protected': true,
        id: '@id',
        type: '@type',
        controller: { '@id': `${SEC}controller`, '@type': '@id' },
        revoked: { '@id': `${SEC}revoked`, '@type': XSD_DATE_TIME },
        expires: { '@id': `${SEC}expiration`, '@type': XSD_DATE_TIME },
        publicKeyMultibase: { '@id': `${SEC}publicKeyMultibase`, '@type': `${SEC}multibase` },
        secretKeyMultibase: { '@id': `${SEC}secretKeyMultibase`, '@type': `${SEC}multibase` },
      },
    },
  },
} as const;
