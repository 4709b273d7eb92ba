import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  at: number;
  body: string;
  headers: IncomingHttpHeaders;
  /** What `Webhook.verify` of the reference library returned (the parsed body), or its error. */
  verified: boolean;
  error?: string;
  /** The status the receiver answered. */
  status: number;
  payload: { id: string; type: string; data: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * A Standard Webhooks receiver on 127.0.0.1 that checks every delivery as a real consumer would:
 * with the reference `standardwebhooks` library's `Webhook.verify` and the endpoint's secret.
 * `answer(n)` gives the status for the n-th request (a bad signature always gets 401).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server!: Server;
  url = '';

  constructor(
    public secret: string,
    public answer: (request: number, delivery: ReceivedWebhook) => number = () => 204,
  ) {}

  async start(path = '/hooks/credence'): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery: ReceivedWebhook = {
          at: Date.now(),
          body,
          headers: req.headers,
          verified: false,
          status: 401,
          payload: JSON.parse(body) as ReceivedWebhook['payload'],
        };
        try {
          new Webhook(this.secret).verify(body, req.headers as Record<string, string>);
          delivery.verified = true;
        } catch (error) {
          delivery.error = (error as Error).message;
        }
        this.received.push(delivery);
        if (delivery.verified) delivery.status = this.answer(this.received.length, delivery);
        res.writeHead(delivery.status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  /** Deliveries the receiver accepted (verified and answered 2xx). */
  accepted(): ReceivedWebhook[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
