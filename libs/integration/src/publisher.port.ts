import type { CloudEvent } from './cloud-events.js';

/**
 * Somewhere integration events go (a Kafka topic, webhook subscribers). The relay saves its
 * checkpoint only after `publish` resolves, so an implementation resolves only once the events
 * are durably accepted (or, for a sink that must not block the relay, durably dead-lettered), and
 * rejects otherwise: the relay then retries the same events, with the same CloudEvent ids.
 */
export interface IntegrationPublisher {
  /** For logs and errors, e.g. "kafka" or "webhooks". */
  readonly name: string;
  /** Publishes in order; resolves when every event is acknowledged, rejects if any is not. */
  publish(events: readonly CloudEvent[]): Promise<void>;
  /** Releases connections; idempotent. */
  close(): Promise<void>;
}

/** Where the integration code logs (console by default). */
export interface IntegrationLogger {
  info?(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export const consoleLogger: IntegrationLogger = {
  info: (message, details) => console.log(message, ...(details === undefined ? [] : [details])),
  warn: (message, details) => console.warn(message, ...(details === undefined ? [] : [details])),
  error: (message, details) => console.error(message, ...(details === undefined ? [] : [details])),
};
