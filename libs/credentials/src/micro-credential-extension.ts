/**
 * The micro-credential extension: the QAA / EU micro-credential elements Open Badges 3.0 has no
 * term for (ECTS credits, notional learning hours, EQF level, mode of learning, form of
 * participation, type of assessment, quality assurance, PSRB recognition), as a JSON-LD context
 * and a JSON Schema, both served by the deployment and named in every achievement credential's
 * `@context` and `credentialSchema`. Everything OB 3.0 has a term for stays in that term
 * (creditsAvailable/creditsEarned, alignment for levels, fieldOfStudy, resultDescription).
 */
export const MICRO_CREDENTIAL_CONTEXT_PATH = '/v1/credentials/contexts/micro-credential-v1.jsonld';
export const MICRO_CREDENTIAL_SCHEMA_PATH = '/v1/credentials/schemas/micro-credential-v1.json';

export const microCredentialContextUrl = (baseUrl: string): string => `${baseUrl}${MICRO_CREDENTIAL_CONTEXT_PATH}`;
export const microCredentialSchemaUrl = (baseUrl: string): string => `${baseUrl}${MICRO_CREDENTIAL_SCHEMA_PATH}`;

const XSD = 'http://www.w3.org/2001/XMLSchema#';

export const microCredentialContext = (baseUrl: string) => {
  const vocab = `${microCredentialContextUrl(baseUrl)}#`;
  const term = (name: string, type?: string) => ({ '@id': `${vocab}${name}`, ...(type ? { '@type': type } : {}) });
  return {
    '@context': {
      '@protected': true,
      // The credentialSchema type Open Badges 3.0 and CLR 2.0 name, which neither of their contexts defines.
      '1EdTechJsonSchemaValidator2019': {
        '@id': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechJsonSchemaValidator2019',
      },
      MicroCredentialElements: term('MicroCredentialElements'),
      PsrbRecognition: term('PsrbRecognition'),
      microCredential: term('microCredential'),
      ectsCredits: term('ectsCredits', `${XSD}decimal`),
      notionalLearningHours: term('notionalLearningHours', `${XSD}integer`),
      eqfLevel: term('eqfLevel', `${XSD}integer`),
      modeOfLearning: term('modeOfLearning', `${XSD}string`),
      formOfParticipation: term('formOfParticipation', `${XSD}string`),
      assessmentType: term('assessmentType', `${XSD}string`),
      qualityAssurance: term('qualityAssurance', `${XSD}string`),
      psrbRecognition: {
        ...term('psrbRecognition'),
        '@context': {
          '@protected': true,
          body: term('psrbBody', `${XSD}string`),
          recognition: term('psrbRecognitionText', `${XSD}string`),
        },
      },
    },
  };
};

/** JSON Schema (2019-09, as `1EdTechJsonSchemaValidator2019` expects) for the extension in an achievement credential. */
export const microCredentialSchema = (baseUrl: string) => ({
  $schema: 'https://json-schema.org/draft/2019-09/schema#',
  $id: microCredentialSchemaUrl(baseUrl),
  title: 'Micro-credential elements of an Open Badges 3.0 achievement',
  type: 'object',
  required: ['@context', 'credentialSubject'],
  properties: {
    '@context': { type: 'array', contains: { const: microCredentialContextUrl(baseUrl) } },
    credentialSubject: {
      type: 'object',
      required: ['achievement'],
      properties: {
        achievement: {
          type: 'object',
          required: ['microCredential', 'creditsAvailable'],
          properties: {
            creditsAvailable: { type: 'number', minimum: 0 },
            microCredential: {
              type: 'object',
              required: [
                'type',
                'ectsCredits',
                'notionalLearningHours',
                'eqfLevel',
                'modeOfLearning',
                'formOfParticipation',
                'assessmentType',
                'qualityAssurance',
              ],
              additionalProperties: false,
              properties: {
                type: { type: 'array', contains: { const: 'MicroCredentialElements' } },
                ectsCredits: { type: 'number', minimum: 0 },
                notionalLearningHours: { type: 'integer', minimum: 1 },
                eqfLevel: { type: 'integer', minimum: 1, maximum: 8 },
                modeOfLearning: { type: 'string', minLength: 1 },
                formOfParticipation: { type: 'string', minLength: 1 },
                assessmentType: { type: 'string', minLength: 1 },
                qualityAssurance: { type: 'string', minLength: 1 },
                psrbRecognition: {
                  type: 'object',
                  required: ['type', 'body', 'recognition'],
                  additionalProperties: false,
                  properties: {
                    type: { type: 'array', contains: { const: 'PsrbRecognition' } },
                    body: { type: 'string', minLength: 1 },
                    recognition: { type: 'string', minLength: 1 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});
