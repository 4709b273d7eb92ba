import { Parser } from '@asyncapi/parser';
import {
  asyncApiDocument,
  DEFAULT_CLOUD_EVENT_SOURCE,
  eventDataSchema,
  INTEGRATION_EVENT_TYPES,
  WEBHOOK_TEST_EVENT_TYPE,
} from '#integration';

const BASE = 'https://credence.example.ac.uk';
const document = asyncApiDocument({
  baseUrl: BASE,
  kafkaTopic: 'credence.awards.v1',
  kafkaBrokers: ['kafka-1.example.ac.uk:9092'],
  source: DEFAULT_CLOUD_EVENT_SOURCE,
});

/** JSON as the parser hands schemas back: without the keys it adds (x-parser-schema-id). */
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v) => (k.startsWith('x-parser') ? undefined : v)));

describe('AsyncAPI 3.0 document (validated with @asyncapi/parser)', () => {
  it('validates with no error', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
  });

  it('lists every event type on the Kafka topic and on webhooks, each with the schema its dataschema names', async () => {
    const { document: parsed } = await new Parser().parse(JSON.stringify(document));
    const channel = (id: string) => parsed!.channels().get(id)!;
    const published = Object.values(INTEGRATION_EVENT_TYPES);
    const kafka = channel('awards').messages().all();
    expect(channel('awards').address()).toBe('credence.awards.v1');
    expect(kafka.map((m) => m.name()).sort()).toEqual([...published].sort());
    for (const message of kafka) {
      const type = message.name() as (typeof published)[number];
      const { $id: _id, $schema: _schema, ...schema } = eventDataSchema(type, BASE);
      expect(plain(message.payload()!.json())).toEqual(schema);
      expect((message.headers()!.json() as any).properties.ce_type.const).toBe(type);
    }
    const webhooks = channel('webhooks').messages().all();
    expect(webhooks.map((m) => m.name()).sort()).toEqual([...published, WEBHOOK_TEST_EVENT_TYPE].sort());
    for (const message of webhooks) {
      const payload = message.payload()!.json() as any;
      expect(payload.properties.type.const).toBe(message.name());
      const { $id: _id, $schema: _schema, ...schema } = eventDataSchema(message.name() as any, BASE);
      expect(plain(payload.properties.data)).toEqual(schema);
      expect(Object.keys((message.headers()!.json() as any).properties)).toEqual(
        expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
      );
    }
    expect(
      parsed!
        .operations()
        .all()
        .map((o) => [o.id(), o.action()]),
    ).toEqual([
      ['publishEvents', 'send'],
      ['deliverWebhooks', 'send'],
    ]);
  });
});
