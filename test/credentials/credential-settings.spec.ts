import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from '#runtime';
import {
  baseUrlFor,
  loadCredentialSettings,
} from '../../apps/records-api/src/features/credentials/credential-settings.js';

/** CREDENTIAL_* configuration: bad values, and damaged keyring files, stop start-up, named. */
describe('credential settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-credential-settings-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '4100' });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults the base URL to the port, RS256 for VC-JWT and the keys folder to DATA_DIR', () => {
    expect(loadCredentialSettings(config, {})).toEqual({
      baseUrl: 'http://127.0.0.1:4100',
      formerBaseUrls: [],
      issuerName: 'Credence',
      keysDir: join(dataDir, 'credential-keys'),
      jwtAlgorithm: 'RS256',
    });
  });

  it('takes the base URL, issuer name and algorithm from the environment', () => {
    expect(
      loadCredentialSettings(config, {
        CREDENTIAL_BASE_URL: 'https://records.example.ac.uk/',
        CREDENTIAL_FORMER_BASE_URLS: 'https://credence.northshire.example/, https://records.example.ac.uk',
        CREDENTIAL_ISSUER_NAME: 'University of Northshire',
        CREDENTIAL_JWT_ALG: 'EdDSA',
      }),
    ).toMatchObject({
      baseUrl: 'https://records.example.ac.uk',
      formerBaseUrls: ['https://credence.northshire.example'],
      issuerName: 'University of Northshire',
      jwtAlgorithm: 'EdDSA',
    });
  });

  it('tells the base URL a request was addressed to by its host: a former one only on its own host', () => {
    const settings = loadCredentialSettings(config, {
      CREDENTIAL_BASE_URL: 'https://records.example.ac.uk',
      CREDENTIAL_FORMER_BASE_URLS: 'https://credence.northshire.example',
    });
    expect(baseUrlFor(settings, 'credence.northshire.example')).toBe('https://credence.northshire.example');
    expect(baseUrlFor(settings, 'Credence.Northshire.example')).toBe('https://credence.northshire.example');
    expect(baseUrlFor(settings, 'records.example.ac.uk')).toBe('https://records.example.ac.uk');
    expect(baseUrlFor(settings, '127.0.0.1:4100')).toBe('https://records.example.ac.uk');
    expect(baseUrlFor(settings, undefined)).toBe('https://records.example.ac.uk');
  });

  it('refuses a bad base URL, algorithm or keyring file, naming each', () => {
    const keysDir = mkdtempSync(join(tmpdir(), 'credence-keys-'));
    writeFileSync(join(keysDir, 'broken.json'), '{"issuer":"X","keys":[]}');
    try {
      loadCredentialSettings(config, {
        CREDENTIAL_BASE_URL: 'ftp://x',
        CREDENTIAL_FORMER_BASE_URLS: 'https://ok.example,records.example',
        CREDENTIAL_JWT_ALG: 'HS256',
        CREDENTIAL_KEYS_DIR: keysDir,
      });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toEqual([
        expect.stringMatching(/^CREDENTIAL_BASE_URL must be an http\(s\) URL/),
        'CREDENTIAL_FORMER_BASE_URLS must list http(s) URLs without query or fragment (got "records.example")',
        expect.stringMatching(/^CREDENTIAL_JWT_ALG must be one of RS256, EdDSA/),
        `credential keyring ${join(keysDir, 'broken.json')}: keys must be a non-empty list`,
      ]);
    } finally {
      rmSync(keysDir, { recursive: true, force: true });
    }
  });
});
