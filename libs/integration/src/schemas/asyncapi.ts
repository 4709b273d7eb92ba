import {
  dataSchemaUrl,
  INTEGRATION_EVENT_TYPES,
  WEBHOOK_TEST_EVENT_TYPE,
  type IntegrationEventType,
  type PublishedEventType,
} from '../cloud-events.js';
import { CLOUDEVENTS_JSON, DELIVERY_ATTEMPT_HEADER } from '../webhooks/webhook-post.js';
import { DEFAULT_RETRY_SCHEDULE_MS } from '../webhooks/retry-schedule.js';
import { EVENT_TYPES_WITH_SCHEMAS, eventDataSchema, type JsonSchema } from './event-schemas.js';

export interface AsyncApiOptions {
  /** PUBLIC_BASE_URL: where the schemas are served. */
  baseUrl: string;
  kafkaTopic: string;
  /** host:port list; the document names the first (or a placeholder when Kafka is not configured). */
  kafkaBrokers: readonly string[];
  source: string;
}

/** AsyncAPI component names allow letters, digits, `.`, `-` and `_`: the event types are used as they are. */
const dataRef = (type: IntegrationEventType) => ({ $ref: `#/components/schemas/${type}` });

/** The data schema as embedded: the served document without its `$id` (which would rebase `$ref`s). */
const embedded = (type: IntegrationEventType): JsonSchema => {
  const { $id: _id, $schema: _schema, ...schema } = eventDataSchema(type, 'http://unused.invalid');
  return schema;
};

const CLOUD_EVENT_ATTRIBUTES = {
  specversion: { const: '1.0' },
  id: { type: 'string', description: 'The Credence event id: the same on every redelivery. De-duplicate on it.' },
  source: { type: 'string', format: 'uri-reference' },
  subject: { type: 'string', description: 'The learner id (an opaque id, never personal data).' },
  time: { type: 'string', format: 'date-time', description: 'When the fact happened.' },
  datacontenttype: { const: 'application/json' },
  dataschema: { type: 'string', format: 'uri' },
  credenceposition: { type: 'integer', description: 'Position in the Credence log; orders events, store-specific.' },
};

const kafkaHeaders = (type: PublishedEventType): JsonSchema => ({
  type: 'object',
  description: 'CloudEvents Kafka protocol binding, binary content mode: the attributes as ce_* headers.',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_subject',
    'ce_time',
    'ce_dataschema',
    'content-type',
  ],
  properties: {
    ce_specversion: { const: '1.0' },
    ce_id: CLOUD_EVENT_ATTRIBUTES.id,
    ce_source: CLOUD_EVENT_ATTRIBUTES.source,
    ce_type: { const: type },
    ce_subject: CLOUD_EVENT_ATTRIBUTES.subject,
    ce_time: CLOUD_EVENT_ATTRIBUTES.time,
    ce_dataschema: CLOUD_EVENT_ATTRIBUTES.dataschema,
    ce_credenceposition: { type: 'string', pattern: '^[0-9]+$' },
    'content-type': { const: 'application/json' },
  },
});

const WEBHOOK_HEADERS: JsonSchema = {
  type: 'object',
  description:
    'Standard Webhooks 1.0: verify with the endpoint\u2019s whsec_ secret over `<webhook-id>.<webhook-timestamp>.<body>` (any Standard Webhooks library), refuse timestamps over 5 minutes old, and de-duplicate on webhook-id.',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'],
  properties: {
    'webhook-id': { type: 'string', description: 'The CloudEvent id: the same on every retry of the event.' },
    'webhook-timestamp': { type: 'string', pattern: '^[0-9]+$', description: 'Unix seconds of this attempt.' },
    'webhook-signature': {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$',
      description: 'HMAC-SHA256 signatures, space-separated: two while a secret rotation overlaps.',
    },
    [DELIVERY_ATTEMPT_HEADER]: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'This attempt\u2019s number.' },
    'content-type': { const: `${CLOUDEVENTS_JSON}; charset=utf-8` },
  },
};

const webhookPayload = (type: IntegrationEventType): JsonSchema => ({
  type: 'object',
  description: 'The CloudEvent in structured content mode (the same envelope as the pull feed).',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data'],
  properties: { ...CLOUD_EVENT_ATTRIBUTES, type: { const: type }, data: dataRef(type) },
});

const messageName = (type: IntegrationEventType, via: 'kafka' | 'webhook') =>
  `${type
    .replace(/^credence\./, '')
    .replace(/\.v(\d+)$/, '-v$1')
    .replace(/\./g, '-')}-${via}`;

const PUBLISHED = Object.values(INTEGRATION_EVENT_TYPES) as PublishedEventType[];
const WEBHOOK_TYPES: IntegrationEventType[] = [...PUBLISHED, WEBHOOK_TEST_EVENT_TYPE];

const schedule = DEFAULT_RETRY_SCHEDULE_MS.map((ms) =>
  ms < 60_000 ? `${ms / 1000} s` : ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`,
).join(', ');

/**
 * The AsyncAPI 3.0 description of what Credence sends: the Kafka topic (CloudEvents binary mode,
 * one message per event type) and the Standard Webhooks deliveries (structured mode). Every
 * message's data is the JSON Schema that the events' `dataschema` names, generated from the same
 * definitions (event-schemas.ts).
 */
export const asyncApiDocument = (options: AsyncApiOptions): Record<string, unknown> => {
  const kafkaMessages = Object.fromEntries(
    PUBLISHED.map((type) => [
      messageName(type, 'kafka'),
      {
        name: type,
        title: String(eventDataSchema(type, options.baseUrl).title),
        summary: String(eventDataSchema(type, options.baseUrl).description),
        contentType: 'application/json',
        headers: kafkaHeaders(type),
        payload: dataRef(type),
        correlationId: { location: '$message.header#/ce_id' },
        externalDocs: { url: dataSchemaUrl(options.baseUrl, type), description: 'The data schema (dataschema)' },
        bindings: {
          kafka: {
            key: { type: 'string', description: 'The learner id: one learner\u2019s events keep their order.' },
            bindingVersion: '0.5.0',
          },
        },
      },
    ]),
  );
  const webhookMessages = Object.fromEntries(
    WEBHOOK_TYPES.map((type) => [
      messageName(type, 'webhook'),
      {
        name: type,
        title: String(eventDataSchema(type, options.baseUrl).title),
        summary: String(eventDataSchema(type, options.baseUrl).description),
        contentType: CLOUDEVENTS_JSON,
        headers: WEBHOOK_HEADERS,
        payload: webhookPayload(type),
        correlationId: { location: '$message.header#/webhook-id' },
      },
    ]),
  );
  const refs = (channel: string, names: string[]) =>
    names.map((name) => ({ $ref: `#/channels/${channel}/messages/${name}` }));
  return {
    asyncapi: '3.0.0',
    id: options.source,
    info: {
      title: 'Credence integration events',
      version: '1',
      description: [
        'What Credence tells other systems: enrolments, confirmed outcomes, awards and their revocation, recognised credit, conferred pathways and erasure, as CloudEvents 1.0.',
        `Kafka: one topic, binary content mode, key = learner id. Webhooks: Standard Webhooks, one secret per endpoint, retried after ${schedule} (with jitter), then dead-lettered; 410 Gone disables the endpoint.`,
        'Delivery is at least once: de-duplicate on the CloudEvent id (ce_id, webhook-id); data.awardId names the award. Adding a field to a v1 payload is compatible; anything else is a new type.',
      ].join('\n\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: options.kafkaBrokers[0] ?? 'kafka.example.org:9092',
        protocol: 'kafka',
        description: `The Kafka cluster (KAFKA_BROKERS${options.kafkaBrokers.length > 1 ? `: ${options.kafkaBrokers.join(', ')}` : ''}).`,
      },
      'webhook-endpoint': {
        host: '{endpointHost}',
        protocol: 'https',
        description: 'Each subscriber\u2019s own endpoint (POST /v1/webhooks/subscriptions registers one).',
        variables: { endpointHost: { description: 'The host of the subscription\u2019s URL.' } },
      },
    },
    channels: {
      awards: {
        address: options.kafkaTopic,
        title: 'The Credence events topic',
        description:
          'Created by Credence at start (KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION), never auto-created.',
        servers: [{ $ref: '#/servers/kafka' }],
        messages: kafkaMessages,
        bindings: { kafka: { topic: options.kafkaTopic, bindingVersion: '0.5.0' } },
      },
      webhooks: {
        address: null,
        title: 'Standard Webhooks deliveries',
        description: 'POSTed to each active subscription\u2019s URL, filtered by its event types.',
        servers: [{ $ref: '#/servers/webhook-endpoint' }],
        messages: webhookMessages,
      },
    },
    operations: {
      publishEvents: {
        action: 'send',
        title: 'Publish every integration event to Kafka',
        channel: { $ref: '#/channels/awards' },
        messages: refs('awards', Object.keys(kafkaMessages)),
      },
      deliverWebhooks: {
        action: 'send',
        title: 'Deliver events to webhook endpoints',
        channel: { $ref: '#/channels/webhooks' },
        messages: refs('webhooks', Object.keys(webhookMessages)),
        bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
      },
    },
    components: {
      schemas: Object.fromEntries(EVENT_TYPES_WITH_SCHEMAS.map((type) => [type, embedded(type)])),
    },
  };
};
