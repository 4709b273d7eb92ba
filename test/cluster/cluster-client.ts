import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { signHs256, type Role } from '#records-api';
import { TEST_SECRET } from '../support/test-app.js';

export interface Answer {
  status: number;
  body: any;
}

/** How long one request may keep failing over from API to API (covers an API being killed and restarted). */
const FAILOVER_MS = 30_000;

export const token = (role: Role, sub: string): string => signHs256({ sub, roles: [role] }, TEST_SECRET);

/**
 * A load balancer's view of the API processes: requests go round-robin; one that finds its process
 * dead (no answer, or 502/503) goes to the next. Every command carries an Idempotency-Key, so a retry
 * after a process died between appending and answering appends nothing.
 */
export class ClusterClient {
  private next = 0;
  /** Requests answered after at least one failover. */
  failedOver = 0;

  constructor(private readonly apiUrls: () => string[]) {}

  get(path: string, bearer: string): Promise<Answer> {
    return this.send('GET', path, bearer, undefined, undefined);
  }

  /** A command; `key` names it across retries (one is made up when the caller has no reason to retry it later). */
  post(path: string, bearer: string, body: unknown, key: string = randomUUID()): Promise<Answer> {
    return this.send('POST', path, bearer, body, key);
  }

  private async send(method: string, path: string, bearer: string, body: unknown, key?: string): Promise<Answer> {
    const started = Date.now();
    for (let tries = 0; ; tries++) {
      const urls = this.apiUrls();
      const url = urls[this.next++ % urls.length]!;
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(key === undefined ? {} : { 'idempotency-key': key }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        if (response.status !== 502 && response.status !== 503) {
          if (tries > 0) this.failedOver++;
          return { status: response.status, body: text ? JSON.parse(text) : undefined };
        }
      } catch (error) {
        // A process killed mid-request: fetch's TypeError ('fetch failed') or a timeout. Try the next one.
        // fetch's errors come from Node's realm, not jest's: recognised by name and message, not instanceof.
        const { name, message } = error as Error;
        if (!/fetch failed|abort|timeout/i.test(`${name} ${message}`)) throw error;
      }
      if (Date.now() - started > FAILOVER_MS)
        throw new Error(`${method} ${path}: no API answered for ${FAILOVER_MS} ms`);
      await sleep(100);
    }
  }
}
