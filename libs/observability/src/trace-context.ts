import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { randomHex } from './random-block';

/**
 * Who started this piece of work and why: the correlation id intake gave the case's first request,
 * the event that caused this work, and the W3C trace it belongs to. Carried across Kafka in headers.
 */
export interface TraceContext {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceId: string;
}

const storage = new AsyncLocalStorage<TraceContext>();

export function currentTraceContext(): TraceContext | undefined {
  return storage.getStore();
}

export function runInTraceContext<T>(context: TraceContext, work: () => T): T {
  return storage.run(context, work);
}

/** Runs work under a case's own correlation id (made by intake), keeping the current trace and causation. */
export function withCorrelation<T>(correlationId: string, work: () => T): T {
  const current = currentTraceContext() ?? newTraceContext(correlationId);
  return storage.run({ ...current, correlationId }, work);
}

export function newTraceContext(correlationId?: string, traceparent?: string): TraceContext {
  return { correlationId: correlationId || randomUUID(), traceId: traceIdOf(traceparent) ?? randomHex(16) };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

/** A new span of the given trace, as a W3C traceparent header value. */
export function newTraceparent(traceId: string): string {
  return `00-${traceId}-${randomHex(8)}-01`;
}
