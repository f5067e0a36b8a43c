import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  CASE_TYPES,
  CHANNELS,
  defineEvent,
  DepartmentCommandSchema,
  DepartmentStreamMessageSchema,
  NoticeKind,
  timestampFromDate,
  type EventDefinition,
} from '@ugov/contracts';
import { OutboxWriter, type SqlExecutor } from '@ugov/messaging';
import type { AssignmentEntity } from './assignment.entity';
import { DepartmentIntegrationConfig } from './department-integration.config';

type StreamDefinition = EventDefinition<typeof DepartmentStreamMessageSchema>;
type CommandDefinition = EventDefinition<typeof DepartmentCommandSchema>;

/**
 * A department's own stream, `processing.department.<code>.v1`, and its command topic,
 * `processing.department.<code>.commands.v1`: one pair per department, so that a Kafka ACL on the department's
 * principal (READ on its stream, WRITE on its command topic, both literal names) keeps it out of every other
 * department's work, and the department a command is from is the topic it came on, not a field anyone can write.
 */
export function departmentStreamOf(code: string): StreamDefinition {
  return defineEvent('processing', `department.${code}`, 1, DepartmentStreamMessageSchema);
}

export function departmentCommandsOf(code: string): CommandDefinition {
  return defineEvent('processing', `department.${code}.commands`, 1, DepartmentCommandSchema);
}

export type CommandResultInit = NonNullable<MessageInitShape<typeof DepartmentStreamMessageSchema>['result']>;

const NOTICE_KINDS = { 'supervision-order': NoticeKind.SUPERVISION_ORDER, reminder: NoticeKind.REMINDER } as const;

/** The assignment as its department's system sees it on the stream. */
export function departmentAssignmentOf(assignment: AssignmentEntity): MessageInitShape<typeof DepartmentStreamMessageSchema>['assignment'] {
  return {
    assignmentId: assignment.id,
    caseId: assignment.caseId,
    trackingNumber: assignment.trackingNumber,
    categoryCode: assignment.categoryCode,
    caseType: CASE_TYPES[assignment.caseType],
    channel: CHANNELS[assignment.channel],
    description: assignment.description,
    regionCode: assignment.regionCode,
    status: assignment.status,
    deadline: timestampFromDate(assignment.deadline),
    assignedAt: timestampFromDate(assignment.assignedAt),
    handlingRole: assignment.handlingRole,
    leadAssignmentId: assignment.leadAssignmentId ?? '',
    extensionDecision: assignment.extension?.decision ?? '',
    extensionDecisionReason: assignment.extension?.decisionReason ?? '',
    notices: assignment.notices.map((notice) => ({
      noticeId: notice.id,
      kind: NOTICE_KINDS[notice.kind],
      text: notice.text,
      issuedAt: timestampFromDate(notice.issuedAt),
      acknowledged: notice.acknowledgedAt !== null,
    })),
    redoCount: assignment.redoCount,
    waitUntil: assignment.pause?.until ? timestampFromDate(assignment.pause.until) : undefined,
    coHandlers: assignment.coHandlers.map((coHandler) => ({
      departmentCode: coHandler.departmentCode,
      state: coHandler.state,
      part: coHandler.part ?? '',
    })),
    supplements: assignment.supplements.map((supplement) => ({
      supplementId: supplement.id,
      text: supplement.text,
      attachmentUrls: [...supplement.attachmentUrls],
      supplementedAt: timestampFromDate(supplement.at),
    })),
    withdrawalReason: assignment.withdrawalReason ?? '',
  };
}

/** Writes to the streams of the departments integrated over Kafka, through the outbox, in the caller's transaction. */
@Injectable()
export class DepartmentStreams {
  constructor(
    private readonly config: DepartmentIntegrationConfig,
    private readonly outbox: OutboxWriter,
  ) {}

  integrates(departmentCode: string): boolean {
    return this.config.kafkaDepartments.has(departmentCode);
  }

  /** The assignments as they now stand, each on its department's stream (if that department is integrated). */
  async appendSnapshots(
    transaction: SqlExecutor,
    assignments: readonly AssignmentEntity[],
    change: string,
    result?: CommandResultInit,
  ): Promise<void> {
    for (const assignment of assignments) {
      if (!this.integrates(assignment.departmentCode)) continue;
      const ownResult = result && assignment === assignments[0] ? result : undefined;
      await this.outbox.append(transaction, departmentStreamOf(assignment.departmentCode), assignment.caseId, {
        change,
        assignment: departmentAssignmentOf(assignment),
        result: ownResult,
      });
    }
  }

  /** A refused command: only its result goes on the stream. */
  async appendRefusal(transaction: SqlExecutor, departmentCode: string, key: string, result: CommandResultInit): Promise<void> {
    await this.outbox.append(transaction, departmentStreamOf(departmentCode), key, { change: '', result });
  }
}
