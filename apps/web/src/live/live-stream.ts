import { authorisation } from '../api/client';

export interface Change {
  position: number;
  stream: string;
  type: string;
}

export type LiveStatus = 'connecting' | 'live' | 'offline' | 'paused';

/** Told to listeners after a reconnection: changes may have been missed, so everything refetches. */
export const RESYNC: Change = { position: -1, stream: '*', type: 'Resync' };

const MAX_RETRY_MS = 30_000;

/**
 * Follows GET /v1/stream (server-sent events) with fetch(), which, unlike EventSource, can send the
 * Authorization header. Reconnects with backoff; a 401 stops it (the session is over). Every
 * connection after the first tells listeners to resync, as changes may have been missed meanwhile.
 */
export class LiveStream {
  private abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly onChange: (change: Change) => void,
    private readonly onStatus: (status: LiveStatus) => void,
    private readonly onUnauthorised: () => void,
    /** True when resuming (say, the tab is visible again): the first connection resyncs too. */
    private connectedBefore = false,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    let delay = 1000;
    while (!this.stopped) {
      this.onStatus('connecting');
      try {
        const response = await fetch('/v1/stream', {
          headers: { accept: 'text/event-stream', ...authorisation() },
          signal: this.abort.signal,
        });
        if (response.status === 401) {
          this.onStatus('offline');
          this.onUnauthorised();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        delay = 1000;
        await this.read(response.body);
      } catch {
        if (this.stopped) return;
      }
      this.onStatus('offline');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  /** Parses the event stream: blocks separated by a blank line, `event:` and `data:` fields. */
  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (event === 'ready') {
          this.onStatus('live');
          if (this.connectedBefore) this.onChange(RESYNC);
          this.connectedBefore = true;
        } else if (event === 'change' && data.length) {
          try {
            this.onChange(JSON.parse(data.join('\n')) as Change);
          } catch {
            /* a malformed message is skipped */
          }
        }
      }
    }
  }
}
