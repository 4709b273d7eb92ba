import { resolve } from 'node:path';
import { ConfigurationError, loadConfig, readModelsShared } from '#runtime';

describe('configuration from the environment', () => {
  it('needs nothing for the embedded default', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      kafkaBrokers: [],
      databaseSchema: 'public',
      consistencyWaitMs: 2000,
    });
  });

  it('reads PostgreSQL and Kafka', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://credence@db:5432/credence',
      DATABASE_SCHEMA: 'records',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      PORT: '8080',
    });
    expect(config).toMatchObject({
      eventStore: 'postgres',
      databaseSchema: 'records',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      port: 8080,
    });
    expect(readModelsShared(config)).toBe(true);
    expect(readModelsShared(loadConfig({ DATABASE_URL: 'postgres://credence@db:5432/credence' }))).toBe(false);
  });

  it('refuses the old PROJECTIONS switch, naming the projector role that replaced it', () => {
    for (const value of ['off', 'on'])
      expect(() => loadConfig({ PROJECTIONS: value })).toThrow(
        /PROJECTIONS is no longer read: .*run the projector role \(node dist\/apps\/projector\/src\/main\.js/,
      );
  });

  it('refuses an invalid configuration, listing every problem with the variable it concerns', () => {
    let error: unknown;
    try {
      loadConfig({
        EVENT_STORE: 'mongo',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        AUTH_JWT_SECRET: 'short',
        KAFKA_BROKERS: 'no-port',
        PROJECTIONS: 'maybe',
        DATABASE_SCHEMA: 'Robert); DROP',
        RATE_LIMIT_PER_MINUTE: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    for (const variable of [
      'EVENT_STORE',
      'PORT',
      'DATABASE_URL',
      'AUTH_JWT_SECRET',
      'KAFKA_BROKERS',
      'PROJECTIONS',
      'DATABASE_SCHEMA',
      'RATE_LIMIT_PER_MINUTE',
    ])
      expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(variable)]));
    expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('takes an identity provider instead of a local secret, never both', () => {
    const oidc = {
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_JWT_ISSUER: 'https://idp.example',
      AUTH_JWT_AUDIENCE: 'credence',
    };
    expect(loadConfig(oidc).auth).toEqual({
      jwtSecret: undefined,
      jwksUrl: oidc.AUTH_JWKS_URL,
      issuer: oidc.AUTH_JWT_ISSUER,
      audience: 'credence',
      webClientId: undefined,
      devProvider: undefined,
    });
    expect(() => loadConfig({ ...oidc, AUTH_JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both/,
    );
    expect(() => loadConfig({ AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow(/AUTH_JWKS_URL must be an http\(s\) URL/);
  });

  it('runs the development identity provider only when asked, and never beside a real one', () => {
    expect(loadConfig({}).auth.devProvider).toBeUndefined();
    expect(loadConfig({ AUTH_DEV_PROVIDER: 'on', AUTH_DEV_ACCESS_TOKEN_SECONDS: '60' }).auth.devProvider).toEqual({
      accessTokenSeconds: 60,
    });
    expect(() => loadConfig({ AUTH_DEV_PROVIDER: 'on', AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(
      /set AUTH_JWKS_URL or AUTH_DEV_PROVIDER=on, not both/,
    );
    expect(() => loadConfig({ AUTH_DEV_PROVIDER: 'yes' })).toThrow(/AUTH_DEV_PROVIDER must be on or off/);
  });

  it('requires the URL of the store it selects', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL is required when EVENT_STORE=postgres/);
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_URL is required when EVENT_STORE=esdb/);
  });
});
