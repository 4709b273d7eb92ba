import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, InvalidSigningKey, parseSigningKey, privateKeyPem, type SigningKey } from '#credentials';
import { ConfigurationError, type AppConfig } from '../../config/app-config.js';

/** Everything the credential endpoints need from the environment. */
export interface CredentialSettings {
  /** Stable public base URL: every credential, issuer and status list URL derives from it. */
  baseUrl: string;
  /** Name of the deployment as an issuer (status lists, CLRs); award credentials name the awarding body. */
  issuerName: string;
  key: SigningKey;
}

export const CREDENTIAL_SETTINGS = Symbol('CredentialSettings');

export const CREDENTIAL_KEY_FILE = 'credential-key.pem';

/**
 * CREDENTIAL_SIGNING_KEY (an Ed25519 PKCS#8 PEM, JWK, or base64url d[.x]) or, for the embedded
 * default, a key generated once into DATA_DIR/credential-key.pem (like the local auth secret).
 * CREDENTIAL_BASE_URL (default http://127.0.0.1:<PORT>), CREDENTIAL_ISSUER_NAME (default Credence).
 * Read from the process environment: AppConfig does not carry them (yet).
 */
export const loadCredentialSettings = (config: AppConfig, env: NodeJS.ProcessEnv = process.env): CredentialSettings => {
  const problems: string[] = [];
  const baseUrl = (env.CREDENTIAL_BASE_URL || `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(baseUrl))
    problems.push(
      `CREDENTIAL_BASE_URL must be an http(s) URL without query or fragment (got "${env.CREDENTIAL_BASE_URL}")`,
    );
  let key: SigningKey | undefined;
  try {
    key = env.CREDENTIAL_SIGNING_KEY ? parseSigningKey(env.CREDENTIAL_SIGNING_KEY) : embeddedKey(config.dataDir);
  } catch (error) {
    if (!(error instanceof InvalidSigningKey)) throw error;
    problems.push(`CREDENTIAL_SIGNING_KEY: ${error.message}`);
  }
  if (problems.length > 0 || !key) throw new ConfigurationError(problems);
  return { baseUrl, issuerName: env.CREDENTIAL_ISSUER_NAME?.trim() || 'Credence', key };
};

const embeddedKey = (dataDir: string): SigningKey => {
  const file = join(dataDir, CREDENTIAL_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, privateKeyPem(generateSigningKey()), { mode: 0o600, flag: 'wx' });
  return parseSigningKey(readFileSync(file, 'utf8'));
};
