import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidKeyring, JWT_ALGORITHMS, parseKeyring, type JwtAlgorithm } from '#credentials';
import { ConfigurationError, type AppConfig } from '#runtime';

/** Everything the credential endpoints need from the environment. */
export interface CredentialSettings {
  /** Stable public base URL: every credential, issuer and status list URL derives from it. */
  baseUrl: string;
  /** Name of the deployment as an issuer (CLRs); award credentials are issued by their awarding body. */
  issuerName: string;
  /** One keyring file per issuer (`<issuer slug>.json`), generated on first use. */
  keysDir: string;
  /** The VC-JWT algorithm: RS256 (OB 3.0's minimum, the default) or EdDSA. */
  jwtAlgorithm: JwtAlgorithm;
}

export const CREDENTIAL_SETTINGS = Symbol('CredentialSettings');

export const KEYRING_EXTENSION = '.json';

/**
 * CREDENTIAL_BASE_URL (default http://127.0.0.1:<PORT>), CREDENTIAL_ISSUER_NAME (default Credence),
 * CREDENTIAL_KEYS_DIR (default DATA_DIR/credential-keys), CREDENTIAL_JWT_ALG (RS256 | EdDSA).
 * Every keyring file already in the folder is read now, so a damaged one stops start-up, named.
 * Read from the process environment: AppConfig does not carry them (yet).
 */
export const loadCredentialSettings = (config: AppConfig, env: NodeJS.ProcessEnv = process.env): CredentialSettings => {
  const problems: string[] = [];
  const baseUrl = (env.CREDENTIAL_BASE_URL || `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(baseUrl))
    problems.push(
      `CREDENTIAL_BASE_URL must be an http(s) URL without query or fragment (got "${env.CREDENTIAL_BASE_URL}")`,
    );
  const jwtAlgorithm = (env.CREDENTIAL_JWT_ALG || 'RS256') as JwtAlgorithm;
  if (!JWT_ALGORITHMS.includes(jwtAlgorithm))
    problems.push(`CREDENTIAL_JWT_ALG must be one of ${JWT_ALGORITHMS.join(', ')} (got "${env.CREDENTIAL_JWT_ALG}")`);
  const keysDir = resolve(env.CREDENTIAL_KEYS_DIR || join(config.dataDir, 'credential-keys'));
  problems.push(...keyringProblems(keysDir));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { baseUrl, issuerName: env.CREDENTIAL_ISSUER_NAME?.trim() || 'Credence', keysDir, jwtAlgorithm };
};

const keyringProblems = (keysDir: string): string[] => {
  try {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return [`CREDENTIAL_KEYS_DIR ${keysDir}: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const name of readdirSync(keysDir).filter((file) => file.endsWith(KEYRING_EXTENSION))) {
    const file = join(keysDir, name);
    try {
      parseKeyring(readFileSync(file, 'utf8'));
    } catch (error) {
      if (!(error instanceof InvalidKeyring)) throw error;
      problems.push(`credential keyring ${file}: ${error.message}`);
    }
  }
  return problems;
};
