import { createHash } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from './sql.js';

/** A NOTIFY channel of one schema: channel names are identifiers (at most 63 bytes), so the schema is hashed. */
export const channelOf = (prefix: string, schema: string): string =>
  `${prefix}_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;

export interface Listening {
  stop(): Promise<void>;
}

/**
 * Calls `onNotify` for every notification on `channel`, on a connection of its own. Best effort:
 * a dropped connection is reopened after `retryMs`, and what was notified meanwhile is lost, so a
 * listener must also poll. `onNotify` is called once more after each (re)connection for that reason.
 */
export const listenTo = (
  connectionString: string,
  channel: string,
  onNotify: () => void,
  options: { applicationName: string; retryMs?: number },
): Listening => {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: options.applicationName });
    client = next;
    const reopen = (): void => {
      if (client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void open(), options.retryMs ?? 1000);
    };
    next.on('error', reopen);
    next.on('end', reopen);
    next.on('notification', (message) => message.channel === channel && onNotify());
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdent(channel)}`);
      onNotify();
    } catch {
      reopen();
    }
  };
  void open();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
};
