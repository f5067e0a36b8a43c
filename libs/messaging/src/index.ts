export * from './message-bus.port';
export * from './cloud-events';
export * from './kafka/kafka-message-bus';
export * from './outbox/outbox.schema';
export * from './outbox/outbox.writer';
export * from './outbox/outbox.relay';
export * from './inbox/inbox.consumer';
export * from './inbox/retry.policy';
