import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_STATUSES } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';

class ExtensionResponseDto {
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() requestedDeadline: string;
  @ApiProperty({ enum: ['pending', 'approved', 'refused'] }) decision: string;
  @ApiPropertyOptional({ nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) decisionReason: string | null;
}

class PauseResponseDto {
  @ApiProperty({ enum: ['clarification', 'consultation'] }) kind: string;
  @ApiProperty() question: string;
  @ApiProperty() since: string;
  @ApiPropertyOptional({ nullable: true, description: 'When the wait for the requester ends anyway' }) until: string | null;
}

class CoHandlerResponseDto {
  @ApiProperty() departmentCode: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty({ enum: ['pending', 'reported', 'released'] }) state: string;
  @ApiPropertyOptional({ nullable: true }) part: string | null;
  @ApiPropertyOptional({ nullable: true }) at: string | null;
}

class NoticeResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['supervision-order', 'reminder'] }) kind: string;
  @ApiProperty() text: string;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt: string | null;
}

class SupplementResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) attachmentUrls: string[];
  @ApiProperty() at: string;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export class AssignmentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() categoryCode: string;
  @ApiProperty() caseType: string;
  @ApiProperty() channel: string;
  @ApiProperty() description: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: string;
  @ApiProperty({ description: 'The deadline in force (moved by pauses, an approved extension, a redo)' }) deadline: string;
  @ApiProperty() originalDeadline: string;
  @ApiProperty() assignedAt: string;
  @ApiPropertyOptional({ nullable: true }) signedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) repliedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) outcome: string | null;
  @ApiPropertyOptional({ nullable: true }) returnedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) returnReason: string | null;
  @ApiProperty({ enum: ['lead', 'co-handler'] }) handlingRole: string;
  @ApiPropertyOptional({ nullable: true }) leadAssignmentId: string | null;
  @ApiProperty({ type: [CoHandlerResponseDto] }) coHandlers: CoHandlerResponseDto[];
  @ApiPropertyOptional({ type: ExtensionResponseDto, nullable: true }) extension: ExtensionResponseDto | null;
  @ApiPropertyOptional({ type: PauseResponseDto, nullable: true }) pause: PauseResponseDto | null;
  @ApiProperty() redoCount: number;
  @ApiProperty({ type: [NoticeResponseDto] }) notices: NoticeResponseDto[];
  @ApiProperty({ type: [SupplementResponseDto], description: 'What the requester added to the case (补充), oldest first' })
  supplements: SupplementResponseDto[];
  @ApiPropertyOptional({ nullable: true, description: 'Why the requester withdrew the case (撤回), when withdrawn' })
  withdrawalReason: string | null;

  static of(assignment: AssignmentEntity): AssignmentResponseDto {
    const { extension, pause } = assignment;
    return {
      id: assignment.id,
      caseId: assignment.caseId,
      trackingNumber: assignment.trackingNumber,
      departmentCode: assignment.departmentCode,
      categoryCode: assignment.categoryCode,
      caseType: assignment.caseType,
      channel: assignment.channel,
      description: assignment.description,
      regionCode: assignment.regionCode,
      status: assignment.status,
      deadline: assignment.deadline.toISOString(),
      originalDeadline: assignment.originalDeadline.toISOString(),
      assignedAt: assignment.assignedAt.toISOString(),
      signedAt: iso(assignment.signedAt),
      startedAt: iso(assignment.startedAt),
      repliedAt: iso(assignment.repliedAt),
      outcome: assignment.outcome,
      returnedAt: iso(assignment.returnedAt),
      returnReason: assignment.returnReason,
      handlingRole: assignment.handlingRole,
      leadAssignmentId: assignment.leadAssignmentId,
      coHandlers: assignment.coHandlers.map((coHandler) => ({ ...coHandler, at: iso(coHandler.at) })),
      extension: extension && {
        ...extension,
        requestedAt: extension.requestedAt.toISOString(),
        requestedDeadline: extension.requestedDeadline.toISOString(),
        decidedAt: iso(extension.decidedAt),
      },
      pause: pause && { ...pause, since: pause.since.toISOString(), until: iso(pause.until) },
      redoCount: assignment.redoCount,
      notices: assignment.notices.map((notice) => ({
        ...notice,
        issuedAt: notice.issuedAt.toISOString(),
        acknowledgedAt: iso(notice.acknowledgedAt),
      })),
      supplements: assignment.supplements.map((supplement) => ({
        ...supplement,
        attachmentUrls: [...supplement.attachmentUrls],
        at: supplement.at.toISOString(),
      })),
      withdrawalReason: assignment.withdrawalReason,
    };
  }
}
