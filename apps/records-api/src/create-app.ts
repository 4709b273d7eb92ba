import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '#domain';
import type { AppConfig, ProcessManagersFactory } from '#runtime';
import { validationPipe } from './http/validation.js';
import { refuseUnsafeShapes } from './http/body-shape.js';
import { acceptCsvBodies } from './http/csv-body.js';
import { frameworkErrors } from './http/framework-errors.js';
import { registerRateLimit } from './http/rate-limit.js';
import { TOKEN_VERIFIER } from './auth/token-verifier.js';
import { FEATURE_MODULES, RecordsApiModule } from './records-api.module.js';
import { documentErrorResponses } from './http/api-errors.js';
import { serveWebApp } from './http/web-app.js';
import { mountDevProvider } from './auth/dev-identity/mount-dev-provider.js';

export const BODY_LIMIT_BYTES = 256 * 1024;

/** Builds the HTTP application (not yet listening): used by every app entry point and the e2e tests. */
export const createApp = async (
  config: AppConfig,
  options: {
    clock?: Clock;
    logger?: false | ('error' | 'warn' | 'log')[];
    processes?: ProcessManagersFactory;
    /**
     * Whether this process plays the projector (runs the read-model consumers). Default: only when its
     * read models are its own SQLite file; on shared PostgreSQL read models the projector role does.
     */
    playsProjector?: boolean;
    /** The built web app's folder (default dist/web); false serves the API alone. */
    webRoot?: string | false;
  } = {},
): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    RecordsApiModule.forRoot(config, options.clock, options.processes, options.playsProjector),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, frameworkErrors }),
    // A start-up failure (a bad secret, a damaged database) is thrown to the entry point, which names it and exits.
    { logger: options.logger ?? ['error', 'warn', 'log'], abortOnError: false },
  );
  app.useGlobalPipes(validationPipe());
  app.getHttpAdapter().getInstance().addHook('preValidation', refuseUnsafeShapes);
  acceptCsvBodies(app.getHttpAdapter().getInstance());
  await registerRateLimit(app.getHttpAdapter().getInstance(), config.rateLimitPerMinute, app.get(TOKEN_VERIFIER));
  if (config.auth.devProvider)
    await mountDevProvider(
      app.getHttpAdapter().getInstance(),
      config.publicBaseUrl,
      config.auth.devProvider.accessTokenSeconds,
    );
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Credence records API')
    .setDescription('Event-sourced learner records for micro-credentials: courses, enrolments, marks, outcomes.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  documentErrorResponses(FEATURE_MODULES);
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  if (options.webRoot !== false) await serveWebApp(app, options.webRoot);
  return app;
};
