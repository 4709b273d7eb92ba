import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { bitstringStatusListCredentialSchema } from './status-list-schema.js';

/** Validators for the bundled official 1EdTech schemas (see official-schemas/README.md). */
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats.default(ajv);
const load = (file: string): object =>
  JSON.parse(readFileSync(new URL(`./official-schemas/${file}`, import.meta.url), 'utf8')) as object;

const validators = {
  openBadgeCredential: ajv.compile(load('ob_v3p0_achievementcredential_schema.json')),
  clrCredential: ajv.compile(load('clr_v2p0_clrcredential_schema.json')),
  bitstringStatusListCredential: ajv.compile(bitstringStatusListCredentialSchema),
};

/** The schema's complaints ([] when the document is valid), readable in a failing expectation. */
export const schemaErrors = (schema: keyof typeof validators, document: unknown): string[] => {
  const validate = validators[schema];
  return validate(document) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
};
