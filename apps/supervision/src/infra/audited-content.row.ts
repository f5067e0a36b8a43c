import type { AuditedContent } from '../domain/audit-chain';

/** A timeline row as PostgreSQL gives it back, with what the audit chain hashes of it. */
export interface TimelineRow {
  event_id: string;
  case_id: string;
  event_type: string;
  service: string;
  source: string;
  occurred_at: Date;
  recorded_at: Date;
  correlation_id: string;
  causation_id: string | null;
  details: Record<string, string>;
  /** Absent or null for rows recorded before the chain existed. */
  event_digest?: Buffer | null;
}

export const TIMELINE_ROW_COLUMNS =
  'event_id, case_id, event_type, service, source, occurred_at, recorded_at, correlation_id, causation_id, details';

export function auditedContentOf(row: TimelineRow): AuditedContent {
  return {
    eventId: row.event_id,
    caseId: row.case_id,
    eventType: row.event_type,
    service: row.service,
    source: row.source,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    details: row.details,
    eventDigest: row.event_digest ?? null,
  };
}
