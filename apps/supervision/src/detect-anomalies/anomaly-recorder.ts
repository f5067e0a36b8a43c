import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AnomalyKind as AnomalyKindEnum, SupervisionEvents, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, OutboxWriter } from '@ugov/messaging';
import { newTraceContext } from '@ugov/observability';
import { insertRows, type Sql } from '@ugov/persistence';
import type { AnomalyKind } from '../domain/anomaly-rules';

/** An anomaly a rule found: `subject` is the case, or `department:day` for a department's return rate. */
export interface NewAnomaly {
  readonly kind: AnomalyKind;
  readonly subject: string;
  readonly reason: string;
  readonly caseId: string | null;
  readonly departmentCode: string | null;
  readonly details: Record<string, string>;
}

type StoredAnomaly = NewAnomaly & { anomalyId: string; detectedAt: Date };

const KIND_IN_EVENTS: Record<AnomalyKind, AnomalyKindEnum> = {
  'off-system': AnomalyKindEnum.OFF_SYSTEM,
  shirking: AnomalyKindEnum.SHIRKING,
  'return-rate': AnomalyKindEnum.RETURN_RATE,
  'repeat-complaint': AnomalyKindEnum.REPEAT_COMPLAINT,
  'stale-case': AnomalyKindEnum.STALE_CASE,
};

const insertAnomalies = insertRows<StoredAnomaly>(
  'supervision.anomalies',
  [
    { name: 'anomaly_id', type: 'uuid', value: (anomaly) => anomaly.anomalyId },
    { name: 'kind', type: 'text', value: (anomaly) => anomaly.kind },
    { name: 'subject', type: 'text', value: (anomaly) => anomaly.subject },
    { name: 'reason', type: 'text', value: (anomaly) => anomaly.reason },
    { name: 'case_id', type: 'uuid', value: (anomaly) => anomaly.caseId },
    { name: 'department_code', type: 'text', value: (anomaly) => anomaly.departmentCode },
    { name: 'details', type: 'jsonb', value: (anomaly) => anomaly.details },
    { name: 'detected_at', type: 'timestamptz', value: (anomaly) => anomaly.detectedAt },
  ],
  'ON CONFLICT (kind, subject) DO NOTHING RETURNING anomaly_id',
);

/**
 * Records anomalies once per kind and subject (a unique key: a second finding, on a redelivery, a restart or another
 * replica, inserts nothing) and, for those newly recorded, writes supervision.anomaly-detected.v1 to the outbox in
 * the same transaction.
 */
@Injectable()
export class AnomalyRecorder {
  private readonly logger = new Logger('Anomalies');

  constructor(private readonly outbox: OutboxWriter) {}

  async record(transaction: Sql, found: readonly NewAnomaly[], detectedAt = new Date()): Promise<number> {
    if (found.length === 0) return 0;
    const unique = new Map<string, StoredAnomaly>();
    for (const anomaly of found)
      if (!unique.has(`${anomaly.kind} ${anomaly.subject}`))
        unique.set(`${anomaly.kind} ${anomaly.subject}`, { ...anomaly, anomalyId: randomUUID(), detectedAt });
    const rows: { anomaly_id: string }[] = await insertAnomalies.run(transaction, [...unique.values()]);
    const inserted = new Set(rows.map((row) => row.anomaly_id));
    const recorded = [...unique.values()].filter((anomaly) => inserted.has(anomaly.anomalyId));
    const context = newTraceContext();
    await this.outbox.appendAll(
      transaction,
      recorded.map((anomaly) =>
        encodeEvent(
          SupervisionEvents.anomalyDetected,
          anomaly.caseId ?? `department:${anomaly.departmentCode}`,
          {
            anomalyId: anomaly.anomalyId,
            kind: KIND_IN_EVENTS[anomaly.kind],
            reason: anomaly.reason,
            caseId: anomaly.caseId ?? '',
            departmentCode: anomaly.departmentCode ?? '',
            detectedAt: timestampFromDate(detectedAt),
            details: anomaly.details,
          },
          context,
          detectedAt,
        ),
      ),
    );
    for (const anomaly of recorded)
      this.logger.log(`anomaly ${anomaly.kind} (${anomaly.reason}) on ${anomaly.caseId ? `case ${anomaly.caseId}` : anomaly.subject}`);
    return recorded.length;
  }
}
