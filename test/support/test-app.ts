import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '#domain';
import type { EventStore } from '#event-store';
import { boardRunnerProcess } from '#process-managers';
import { EVENT_STORE, createApp, signHs256, type Role } from '#records-api';
import { loadConfig, type ProcessManagersFactory } from '#runtime';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** A clock tests can move: `clock.set('2027-03-01T09:00:00Z')`. */
export class TestClock implements Clock {
  private current: Date;
  constructor(iso = new Date().toISOString()) {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** The wall clock, for the tests of time-dependent behaviour that must also hold on the real clock. */
export class RealClock extends TestClock {
  override now(): Date {
    return new Date();
  }
  override set(): void {
    throw new Error('the real clock cannot be set');
  }
}

export interface HttpResponse<T = any> {
  status: number;
  body: T;
}

/** The real system on a temp data folder, listening on a loopback port, driven over HTTP. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly dataDir: string,
    readonly clock: TestClock,
  ) {}

  static async start(
    options: {
      dataDir?: string;
      clock?: TestClock;
      env?: Record<string, string>;
      processes?: ProcessManagersFactory;
      /** False: an API replica that only reads the read models a projector process builds. */
      playsProjector?: boolean;
      /** The built web app to serve (default dist/web when built). */
      webRoot?: string | false;
    } = {},
  ): Promise<TestApp> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'credence-e2e-'));
    const clock = options.clock ?? new TestClock();
    // With an identity provider's JWKS configured, no local secret may be (config validation refuses both).
    const secret = options.env?.AUTH_JWKS_URL ? {} : { AUTH_JWT_SECRET: TEST_SECRET };
    const config = loadConfig({ DATA_DIR: dataDir, ...secret, SWEEP_INTERVAL_MS: '0', ...options.env });
    const app = await createApp(config, {
      clock,
      logger: ['error'],
      processes: options.processes ?? boardRunnerProcess,
      // By default the whole system in one process, as the standalone: it builds its read models itself.
      playsProjector: options.playsProjector ?? true,
      webRoot: options.webRoot,
    });
    // A fixed PORT when the test needs its address in advance (the development provider's issuer).
    await app.listen({ port: options.env?.PORT ? config.port : 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    return new TestApp(app, `http://127.0.0.1:${address.port}`, dataDir, clock);
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  token(role: Role, sub = `${role}-1`): string {
    return signHs256({ sub, roles: [role] }, TEST_SECRET);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: {
      token?: string | null;
      body?: unknown;
      rawBody?: string;
      contentType?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? this.token('registry')}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: body as T };
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Polls a GET until `ready` accepts the body (the board runner works asynchronously). */
  async eventually<T = any>(
    path: string,
    ready: (body: T) => boolean,
    options: { token?: string; timeoutMs?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const response = await this.request<T>('GET', path, { token: options.token });
      if (response.status === 200 && ready(response.body)) return response.body;
      if (Date.now() > deadline)
        throw new Error(`${path} not ready: ${response.status} ${JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
