export * from './cloud-events.js';
export * from './publisher.port.js';
export * from './kafka/kafka-binding.js';
export * from './kafka/kafka-publisher.js';
export * from './relay.js';
export * from './webhooks.js';
export * from './feed.js';
export * from './webhooks/standard-webhooks.js';
