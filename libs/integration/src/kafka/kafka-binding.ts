import type { CloudEvent, IntegrationEventType } from '../cloud-events.js';

/**
 * The CloudEvents Kafka protocol binding, binary content mode: the value is the event data (JSON),
 * the attributes travel as `ce_*` headers and `datacontenttype` as `content-type`. The key is the
 * subject (the learner id), so one learner's events share a partition and keep their order.
 * Pure (no kafkajs): consumers and tests can use `fromKafkaRecord` to get the envelope back.
 */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export const toKafkaRecord = (event: CloudEvent): KafkaRecord => ({
  key: event.subject,
  value: JSON.stringify(event.data),
  headers: {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    ce_dataschema: event.dataschema,
    ce_credenceposition: String(event.credenceposition),
    'content-type': event.datacontenttype,
  },
});

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** A consumed record as kafkajs (or any client) hands it over. */
export interface ConsumedKafkaRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue>;
}

const text = (value: HeaderValue): string | undefined => {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : one.toString();
};

/** Rebuilds the CloudEvent from a binary-mode record; throws on a record that is not one. */
export const fromKafkaRecord = (record: ConsumedKafkaRecord): CloudEvent => {
  const headers = record.headers ?? {};
  const required = (name: string): string => {
    const value = text(headers[name]);
    if (value === undefined) throw new Error(`not a CloudEvents binary-mode record: header ${name} is missing`);
    return value;
  };
  const specversion = required('ce_specversion');
  if (specversion !== '1.0') throw new Error(`unsupported CloudEvents specversion ${specversion}`);
  if (record.value === null) throw new Error('CloudEvents record without a value');
  return {
    specversion,
    id: required('ce_id'),
    source: required('ce_source'),
    type: required('ce_type') as IntegrationEventType,
    subject: required('ce_subject'),
    time: required('ce_time'),
    datacontenttype: 'application/json',
    dataschema: required('ce_dataschema'),
    data: JSON.parse(record.value.toString()) as unknown,
    credenceposition: Number(text(headers.ce_credenceposition)),
  };
};
