import { DEFAULT_APPEAL_WINDOW_DAYS } from '#domain';
import { resolve } from 'node:path';
import { DEFAULT_CLOUD_EVENT_SOURCE, DEFAULT_KAFKA_TOPIC } from '#integration';
import { envReader } from './env.js';

export type EventStoreKind = 'sqlite' | 'postgres' | 'esdb';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: EventStoreKind;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the event store and read models (default public). */
  databaseSchema: string;
  eventStoreUrl: string | undefined;
  kafkaBrokers: string[];
  /** HS256 secret locally; in production an OIDC provider's JWKS URL, with the issuer and audience it must match. */
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** The OIDC client the web app signs in as (AUTH_WEB_CLIENT_ID), served to it with the issuer. */
    webClientId: string | undefined;
    /**
     * The development identity provider under /oidc (AUTH_DEV_PROVIDER=on, what `npm start` runs):
     * sample users per role, no passwords. Never in production: off unless asked for, and refused with AUTH_JWKS_URL.
     */
    devProvider: { accessTokenSeconds: number } | undefined;
  };
  /** How long a command waits for the read models to include its events (read-your-writes). */
  consistencyWaitMs: number;
  /** How often the deadline sweep runs; 0 turns it off. */
  sweepIntervalMs: number;
  /** Days after the board's confirmed decision within which a learner may appeal it (APPEAL_WINDOW_DAYS). */
  appealWindowDays: number;
  /** How long a stored Idempotency-Key answer is kept and replayed (IDEMPOTENCY_RETENTION_SECONDS, default 7 days). */
  idempotencyRetentionSeconds: number;
  /** Requests per minute per caller (a verified token's subject, else the address); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Where integrators reach this deployment (PUBLIC_BASE_URL, default http://127.0.0.1:<PORT>): the
   * CloudEvents `dataschema` of every event points at <base>/schemas/events/<type>.json.
   */
  publicBaseUrl: string;
  /**
   * How many partitions the micro-board's work is split into (BOARD_RUNNER_PARTITIONS, default 1):
   * board-runner processes on PostgreSQL share them out, one leader per partition. Changing it makes
   * every partition start afresh from the beginning of the log (safe: every reaction is idempotent).
   */
  boardRunnerPartitions: number;
  /** KAFKA_TOPIC and CLOUDEVENTS_SOURCE as the relay uses them, for /asyncapi.json. */
  kafkaTopic: string;
  cloudEventsSource: string;
}

/** Start-up refuses an invalid configuration, listing every problem at once. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

const EVENT_STORES: EventStoreKind[] = ['sqlite', 'postgres', 'esdb'];

/** For entry points: the configuration, or a clear message and exit code 1. */
export const loadConfigOrExit = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const problems: string[] = [];
  const { integer, brokers, topic } = envReader(env, problems);

  const eventStore = (env.EVENT_STORE ?? 'sqlite') as EventStoreKind;
  if (!EVENT_STORES.includes(eventStore))
    problems.push(`EVENT_STORE must be one of ${EVENT_STORES.join(', ')} (got "${env.EVENT_STORE}")`);
  if (eventStore === 'postgres' && !env.DATABASE_URL)
    problems.push('DATABASE_URL is required when EVENT_STORE=postgres (e.g. postgres://user@host:5432/db)');
  if (eventStore === 'esdb' && !env.EVENTSTORE_URL)
    problems.push('EVENTSTORE_URL is required when EVENT_STORE=esdb (e.g. esdb://localhost:2113?tls=false)');
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  if (env.DATABASE_SCHEMA && !/^[a-z_][a-z0-9_]{0,62}$/.test(env.DATABASE_SCHEMA))
    problems.push('DATABASE_SCHEMA must be a lowercase SQL identifier (letters, digits, underscores)');
  if (env.AUTH_JWT_SECRET !== undefined && env.AUTH_JWT_SECRET.trim().length < 32)
    problems.push('AUTH_JWT_SECRET must be at least 32 characters, not counting spaces');
  if (env.AUTH_JWKS_URL && !/^https?:\/\//.test(env.AUTH_JWKS_URL))
    problems.push('AUTH_JWKS_URL must be an http(s) URL');
  if (env.AUTH_JWKS_URL && env.AUTH_JWT_SECRET)
    problems.push(
      'set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both: with an identity provider no local secret is accepted',
    );

  const devProvider = env.AUTH_DEV_PROVIDER === 'on';
  if (env.AUTH_DEV_PROVIDER !== undefined && !['on', 'off'].includes(env.AUTH_DEV_PROVIDER))
    problems.push(`AUTH_DEV_PROVIDER must be on or off (got "${env.AUTH_DEV_PROVIDER}")`);
  if (devProvider && env.AUTH_JWKS_URL)
    problems.push(
      'set AUTH_JWKS_URL or AUTH_DEV_PROVIDER=on, not both: the development provider is for local use only',
    );
  const devAccessTokenSeconds = integer('AUTH_DEV_ACCESS_TOKEN_SECONDS', 600, 10, 86_400);

  if (env.PROJECTIONS !== undefined)
    problems.push(
      'PROJECTIONS is no longer read: API processes never project on shared read models; run the projector role ' +
        '(node dist/apps/projector/src/main.js, one leads at a time), which the standalone also plays',
    );

  const kafkaBrokers = brokers('KAFKA_BROKERS');

  const port = integer('PORT', 3000, 0, 65535);
  const publicBaseUrl = (env.PUBLIC_BASE_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicBaseUrl))
    problems.push(`PUBLIC_BASE_URL must be an http(s) URL without query or fragment (got "${env.PUBLIC_BASE_URL}")`);

  const config: AppConfig = {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStore,
    databaseUrl: env.DATABASE_URL,
    databaseSchema: env.DATABASE_SCHEMA || 'public',
    eventStoreUrl: env.EVENTSTORE_URL,
    kafkaBrokers,
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER || undefined,
      audience: env.AUTH_JWT_AUDIENCE || undefined,
      webClientId: env.AUTH_WEB_CLIENT_ID || undefined,
      devProvider: devProvider ? { accessTokenSeconds: devAccessTokenSeconds } : undefined,
    },
    consistencyWaitMs: integer('CONSISTENCY_WAIT_MS', 2000, 0, 60_000),
    sweepIntervalMs: integer('SWEEP_INTERVAL_MS', 3_600_000, 0, 86_400_000),
    appealWindowDays: integer('APPEAL_WINDOW_DAYS', DEFAULT_APPEAL_WINDOW_DAYS, 1, 366),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 6000, 0, 10_000_000),
    idempotencyRetentionSeconds: integer('IDEMPOTENCY_RETENTION_SECONDS', 7 * 86_400, 1, 366 * 86_400),
    publicBaseUrl,
    boardRunnerPartitions: integer('BOARD_RUNNER_PARTITIONS', 1, 1, 64),
    kafkaTopic: topic('KAFKA_TOPIC', DEFAULT_KAFKA_TOPIC),
    cloudEventsSource: env.CLOUDEVENTS_SOURCE || DEFAULT_CLOUD_EVENT_SOURCE,
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
};

/**
 * Whether the read models (and every consumer's checkpoint) live in PostgreSQL, where several
 * processes share them: then each consumer runs in the one process that leads its role. Otherwise
 * they are a SQLite file of this process's own, and it runs them itself.
 */
export const readModelsShared = (config: AppConfig): boolean =>
  config.eventStore !== 'sqlite' && config.databaseUrl !== undefined;
