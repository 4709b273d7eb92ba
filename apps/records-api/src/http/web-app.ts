import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
import { frameworkErrors } from './framework-errors.js';

/** Paths the API owns: an unknown one is the API's 404, never the web app. */
const API_PREFIXES = ['/v1', '/docs', '/health', '/metrics', '/.well-known', '/oidc', '/schemas', '/asyncapi.json'];

/** Nothing but the app's own files; the bundle needs no inline script or style. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const isApiPath = (path: string): boolean =>
  API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * `dist/web` beside the repository's package.json, found from this file whether it runs as source
 * (apps/records-api/src/http) or compiled (dist/apps/records-api/src/http).
 */
export const defaultWebRoot = (): string | undefined => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
};

/**
 * Serves the built web app (`npm run build:web`) at /: its files, and index.html for any other
 * page path so the client-side router can take it. API paths are left to the API. When the
 * bundle has not been built the API runs without it.
 */
export const serveWebApp = async (
  app: NestFastifyApplication,
  root: string | undefined = defaultWebRoot(),
): Promise<boolean> => {
  if (!root || !existsSync(join(root, 'index.html'))) {
    new Logger('WebApp').log(`no web app at ${root ?? '(none)'}: run npm run build:web to serve it at /`);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file (no catch-all), so the fallback below and the API routes stay in charge.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      // Vite names assets by content hash: they never change under the same name.
      const immutable = path.includes(`${sep}assets${sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const maxParamLength =
    fastify.initialConfig.routerOptions?.maxParamLength ?? fastify.initialConfig.maxParamLength ?? 100;
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path)) {
      // The router fell back here from an API route whose parameter is too long: answer as it would have (414).
      if (path.split('/').some((segment) => segment.length > maxParamLength))
        return frameworkErrors(new errorCodes.FST_ERR_MAX_PARAM_LENGTH(path), request, reply);
      return reply.callNotFound();
    }
    // A missing file (anything with an extension) is a 404, not the app.
    if (/\.[A-Za-z0-9]+$/.test(path)) return reply.callNotFound();
    return reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
  });
  return true;
};
