import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidKeyring, JWT_ALGORITHMS, parseKeyring, type JwtAlgorithm } from '#credentials';
import { ConfigurationError, type AppConfig } from '#runtime';

/** Everything the credential endpoints need from the environment. */
export interface CredentialSettings {
  /** Stable public base URL: every credential, issuer and status list URL derives from it. */
  baseUrl: string;
  /**
   * Base URLs the deployment issued under before: their credentials keep verifying, and their
   * issuer, key and status list URLs keep answering (on a request to that host, in that base's terms).
   */
  formerBaseUrls: string[];
  /** Name of the deployment as an issuer (CLRs); award credentials are issued by their awarding body. */
  issuerName: string;
  /** One keyring file per issuer (`<issuer slug>.json`), generated on first use. */
  keysDir: string;
  /** The VC-JWT algorithm: RS256 (OB 3.0's minimum, the default) or EdDSA. */
  jwtAlgorithm: JwtAlgorithm;
}

export const CREDENTIAL_SETTINGS = Symbol('CredentialSettings');

export const KEYRING_EXTENSION = '.json';

const BASE_URL = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/;
const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * CREDENTIAL_BASE_URL (default http://127.0.0.1:<PORT>), CREDENTIAL_FORMER_BASE_URLS (comma
 * separated, none unless set), CREDENTIAL_ISSUER_NAME (default Credence),
 * CREDENTIAL_KEYS_DIR (default DATA_DIR/credential-keys), CREDENTIAL_JWT_ALG (RS256 | EdDSA).
 * Every keyring file already in the folder is read now, so a damaged one stops start-up, named.
 * Read from the process environment: AppConfig does not carry them (yet).
 */
export const loadCredentialSettings = (config: AppConfig, env: NodeJS.ProcessEnv = process.env): CredentialSettings => {
  const problems: string[] = [];
  const baseUrl = withoutTrailingSlash(env.CREDENTIAL_BASE_URL || `http://127.0.0.1:${config.port}`);
  if (!BASE_URL.test(baseUrl))
    problems.push(
      `CREDENTIAL_BASE_URL must be an http(s) URL without query or fragment (got "${env.CREDENTIAL_BASE_URL}")`,
    );
  const formerBaseUrls = (env.CREDENTIAL_FORMER_BASE_URLS ?? '')
    .split(',')
    .map((url) => withoutTrailingSlash(url.trim()))
    .filter((url) => url !== '' && url !== baseUrl);
  for (const url of formerBaseUrls.filter((former) => !BASE_URL.test(former)))
    problems.push(`CREDENTIAL_FORMER_BASE_URLS must list http(s) URLs without query or fragment (got "${url}")`);
  const jwtAlgorithm = (env.CREDENTIAL_JWT_ALG || 'RS256') as JwtAlgorithm;
  if (!JWT_ALGORITHMS.includes(jwtAlgorithm))
    problems.push(`CREDENTIAL_JWT_ALG must be one of ${JWT_ALGORITHMS.join(', ')} (got "${env.CREDENTIAL_JWT_ALG}")`);
  const keysDir = resolve(env.CREDENTIAL_KEYS_DIR || join(config.dataDir, 'credential-keys'));
  problems.push(...keyringProblems(keysDir));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    baseUrl,
    formerBaseUrls: [...new Set(formerBaseUrls)],
    issuerName: env.CREDENTIAL_ISSUER_NAME?.trim() || 'Credence',
    keysDir,
    jwtAlgorithm,
  };
};

/** Every base URL the deployment answers for: the current one first. */
export const baseUrlsOf = (settings: CredentialSettings): string[] => [settings.baseUrl, ...settings.formerBaseUrls];

/**
 * The base URL a request was addressed to, by its Host header: a former one only when its host is
 * that former base's (and not the current one's); the current one otherwise.
 */
export const baseUrlFor = (settings: CredentialSettings, host: string | undefined): string => {
  const hostOf = (url: string) => new URL(url).host;
  if (host === undefined || host === hostOf(settings.baseUrl)) return settings.baseUrl;
  return settings.formerBaseUrls.find((url) => hostOf(url) === host.toLowerCase()) ?? settings.baseUrl;
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
