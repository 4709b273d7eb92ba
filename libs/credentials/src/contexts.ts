/** JSON-LD contexts and media types of the credentials this library issues. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const CLR_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json';

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** Open Badges 3.0 §8.2.4.1: the JOSE header `typ`, if present, MUST be "JWT". */
export const VC_JWT_TYP = 'JWT';
/** VC-JOSE-COSE media types: a JWT-secured credential, and a credential secured by an embedded proof. */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
export const VC_MEDIA_TYPE = 'application/vc';
