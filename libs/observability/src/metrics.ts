import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process-wide Prometheus registry; every service exposes it at /metrics. */
export const metricsRegistry = new Registry();
// The event-loop lag histogram samples every 100 ms instead of every 10: a timer firing 100 times a second kept
// every service, idle or not, waking up for nothing else.
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 100 });

export const httpRequestDuration = new Histogram({
  name: 'ugov_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const eventsPublished = new Counter({
  name: 'ugov_events_published_total',
  help: 'Events the outbox relay published to Kafka',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'ugov_events_consumed_total',
  help: 'Events consumed, by outcome (processed, duplicate, dead-lettered)',
  labelNames: ['topic', 'outcome'],
  registers: [metricsRegistry],
});

export const handlerFailures = new Counter({
  name: 'ugov_event_handler_failures_total',
  help: 'Failed attempts to handle an event',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const eventsParked = new Counter({
  name: 'ugov_events_parked_total',
  help: 'Outbox events Kafka refused for their size, moved to the outbox_parked table instead of being published',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});
