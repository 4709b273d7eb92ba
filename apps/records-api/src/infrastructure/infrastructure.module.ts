import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { systemClock, type Clock } from '#domain';
import type { EventStore } from '#event-store';
import type { PersonalDataVault } from '#personal-data';
import type { ReadModelStore } from '#projections';
import {
  openStores,
  readModelsShared,
  readOrCreateSecretFile,
  type AppConfig,
  type ProcessManagersFactory,
  type SecretFormat,
  type Stores,
} from '#runtime';
import { ProjectionHub } from './projection-hub.js';
import { LiveChanges } from './live-changes.js';
import {
  TOKEN_VERIFIER,
  devSignInVerifier,
  hs256Verifier,
  jwksVerifier,
  type TokenVerifier,
} from '../auth/token-verifier.js';
import { DEV_API_AUDIENCE, devProviderEndpoints } from '../auth/dev-identity/dev-provider.js';
import {
  APP_CONFIG,
  AUTH_SECRET,
  CLOCK,
  EVENT_STORE,
  PERSONAL_DATA_VAULT,
  PLAYS_PROJECTOR,
  PROCESS_MANAGERS,
  READ_MODEL_STORE,
} from './tokens.js';

/**
 * An OIDC provider's keys when AUTH_JWKS_URL is set (no local secret is then accepted); else the
 * HS256 secret, and with the development provider also its tokens.
 */
const tokenVerifierFor = (config: AppConfig): TokenVerifier => {
  if (config.auth.jwksUrl)
    return jwksVerifier({ jwksUrl: config.auth.jwksUrl, issuer: config.auth.issuer, audience: config.auth.audience });
  const local = hs256Verifier(localAuthSecret(config));
  if (!config.auth.devProvider) return local;
  const { issuer, jwksUrl } = devProviderEndpoints(config.publicBaseUrl);
  return devSignInVerifier(local, jwksVerifier({ jwksUrl, issuer, audience: DEV_API_AUDIENCE }));
};

/** 32 random bytes, base64url: what a generated auth-secret holds; a hand-made one may be longer. */
const AUTH_SECRET_FORMAT: SecretFormat = {
  pattern: /^[A-Za-z0-9_-]{43,}$/,
  description: 'at least 43 base64url characters (32 bytes)',
  remedy:
    'Delete it to have a new secret generated at the next start (tokens signed with the old one stop working), or set AUTH_JWT_SECRET',
};

/** The local HS256 secret: from AUTH_JWT_SECRET, or generated once into the data folder and checked on every start. */
export const localAuthSecret = (config: AppConfig): string =>
  config.auth.jwtSecret ??
  readOrCreateSecretFile(join(config.dataDir, 'auth-secret'), AUTH_SECRET_FORMAT, () =>
    randomBytes(32).toString('base64url'),
  );

const STORES = Symbol('Stores');

class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.readModels.close();
  }
}

/** Wires the ports to their adapters for the configured event store. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(
    config: AppConfig,
    clock: Clock = systemClock,
    processes: ProcessManagersFactory = () => [],
    playsProjector = !readModelsShared(config),
  ): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: PLAYS_PROJECTOR, useValue: playsProjector },
        { provide: AUTH_SECRET, useFactory: () => localAuthSecret(config) },
        { provide: TOKEN_VERIFIER, useFactory: () => tokenVerifierFor(config) },
        { provide: STORES, useFactory: () => openStores(config, clock) },
        { provide: EVENT_STORE, inject: [STORES], useFactory: (stores: Stores) => stores.store },
        { provide: READ_MODEL_STORE, inject: [STORES], useFactory: (stores: Stores) => stores.readModels },
        { provide: PERSONAL_DATA_VAULT, inject: [STORES], useFactory: (stores: Stores) => stores.vault },
        {
          provide: PROCESS_MANAGERS,
          inject: [EVENT_STORE, READ_MODEL_STORE, PERSONAL_DATA_VAULT],
          useFactory: (store: EventStore, readModels: ReadModelStore, vault: PersonalDataVault) =>
            processes({ store, readModels, clock, vault, publicBaseUrl: config.publicBaseUrl }),
        },
        LiveChanges,
        ProjectionHub,
        StoresLifecycle,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        AUTH_SECRET,
        TOKEN_VERIFIER,
        EVENT_STORE,
        READ_MODEL_STORE,
        PERSONAL_DATA_VAULT,
        ProjectionHub,
        LiveChanges,
      ],
    };
  }
}
