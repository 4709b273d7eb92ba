/**
 * W3C Bitstring Status List v1.0 §2.2 (BitstringStatusListCredential) as a JSON Schema: no
 * standards body publishes one. Each property is the spec's own requirement, quoted briefly.
 */
export const bitstringStatusListCredentialSchema = {
  $schema: 'https://json-schema.org/draft/2019-09/schema',
  type: 'object',
  required: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject'],
  properties: {
    '@context': { type: 'array', items: [{ const: 'https://www.w3.org/ns/credentials/v2' }], minItems: 1 },
    // "The verifiable credential that contains the status list MUST express an id property"
    id: { type: 'string', format: 'uri' },
    // "The verifiable credential type MUST include the BitstringStatusListCredential type"
    type: {
      type: 'array',
      allOf: [
        { contains: { const: 'VerifiableCredential' } },
        { contains: { const: 'BitstringStatusListCredential' } },
      ],
    },
    issuer: {
      anyOf: [
        { type: 'string', format: 'uri' },
        { type: 'object', required: ['id'] },
      ],
    },
    validFrom: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string', format: 'date-time' },
    credentialSubject: {
      type: 'object',
      required: ['type', 'statusPurpose', 'encodedList'],
      properties: {
        id: { type: 'string', format: 'uri' },
        // "The type of the credential subject, which is the status list, MUST be BitstringStatusList"
        type: { const: 'BitstringStatusList' },
        statusPurpose: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
        // "the Multibase-encoded base64url (with no padding) representation of the GZIP-compressed bitstring"
        encodedList: { type: 'string', pattern: '^u[A-Za-z0-9_-]+$' },
        // "the number of milliseconds that the status list SHOULD be cached"
        ttl: { type: 'integer', minimum: 0 },
      },
    },
  },
} as const;
