import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from '#records-api';
import {
  CREDENTIAL_KEY_FILE,
  loadCredentialSettings,
} from '../../apps/records-api/src/features/credentials/credential-settings.js';
import { generateSigningKey, privateKeyPem } from '#credentials';

/** CREDENTIAL_* configuration: the embedded key is generated once; bad values stop start-up. */
describe('credential settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-credential-settings-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '4100' });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates the embedded key once, private to the owner, and defaults the base URL to the port', () => {
    const first = loadCredentialSettings(config, {});
    const file = join(dataDir, CREDENTIAL_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadCredentialSettings(config, {}).key.thumbprint).toBe(first.key.thumbprint);
    expect(first).toMatchObject({ baseUrl: 'http://127.0.0.1:4100', issuerName: 'Credence' });
  });

  it('takes the key, base URL and issuer name from the environment', () => {
    const key = generateSigningKey();
    const settings = loadCredentialSettings(config, {
      CREDENTIAL_SIGNING_KEY: privateKeyPem(key),
      CREDENTIAL_BASE_URL: 'https://records.example.ac.uk/',
      CREDENTIAL_ISSUER_NAME: 'University of Northshire',
    });
    expect(settings).toMatchObject({
      baseUrl: 'https://records.example.ac.uk',
      issuerName: 'University of Northshire',
    });
    expect(settings.key.thumbprint).toBe(key.thumbprint);
  });

  it('refuses a bad key or base URL, naming each', () => {
    expect(() =>
      loadCredentialSettings(config, { CREDENTIAL_SIGNING_KEY: 'nope!', CREDENTIAL_BASE_URL: 'ftp://x' }),
    ).toThrow(ConfigurationError);
    try {
      loadCredentialSettings(config, { CREDENTIAL_SIGNING_KEY: 'nope!', CREDENTIAL_BASE_URL: 'ftp://x' });
    } catch (error) {
      expect((error as ConfigurationError).problems).toEqual([
        expect.stringMatching(/^CREDENTIAL_BASE_URL must be an http\(s\) URL/),
        expect.stringMatching(/^CREDENTIAL_SIGNING_KEY: /),
      ]);
    }
  });
});
