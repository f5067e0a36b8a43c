import { Injectable, Logger } from '@nestjs/common';
import { caseTypeName, channelName, Events, timestampDate } from '@ugov/contracts';
import type { DecodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { AssignmentEntity } from '../infra/assignment.entity';
import { DepartmentStreams } from '../infra/department-streams';
import { WebhookDeliveries } from '../deliver-webhooks/webhook-deliveries';

type NewAssignment = Pick<
  AssignmentEntity,
  | 'id'
  | 'caseId'
  | 'departmentCode'
  | 'departmentName'
  | 'categoryCode'
  | 'caseType'
  | 'channel'
  | 'trackingNumber'
  | 'description'
  | 'regionCode'
  | 'deadline'
  | 'assignedAt'
  | 'correlationId'
>;

const insertAssignments = insertRows<NewAssignment>(
  'processing.assignments',
  [
    { name: 'id', type: 'uuid', value: (assignment) => assignment.id },
    { name: 'case_id', type: 'uuid', value: (assignment) => assignment.caseId },
    { name: 'department_code', type: 'text', value: (assignment) => assignment.departmentCode },
    { name: 'department_name', type: 'text', value: (assignment) => assignment.departmentName },
    { name: 'category_code', type: 'text', value: (assignment) => assignment.categoryCode },
    { name: 'case_type', type: 'text', value: (assignment) => assignment.caseType },
    { name: 'channel', type: 'text', value: (assignment) => assignment.channel },
    { name: 'tracking_number', type: 'text', value: (assignment) => assignment.trackingNumber },
    { name: 'description', type: 'text', value: (assignment) => assignment.description },
    { name: 'region_code', type: 'text', value: (assignment) => assignment.regionCode },
    { name: 'deadline', type: 'timestamptz', value: (assignment) => assignment.deadline },
    { name: 'original_deadline', type: 'timestamptz', value: (assignment) => assignment.deadline },
    { name: 'status', type: 'text', value: () => 'assigned' },
    { name: 'assigned_at', type: 'timestamptz', value: (assignment) => assignment.assignedAt },
    { name: 'correlation_id', type: 'text', value: (assignment) => assignment.correlationId },
  ],
  'ON CONFLICT (id) DO NOTHING RETURNING id',
);

/** A new assignment as the workflow starts it: assigned, led by its department, nothing asked for yet. */
function startedAssignment(assignment: NewAssignment): AssignmentEntity {
  return Object.assign(new AssignmentEntity(), {
    ...assignment,
    status: 'assigned',
    originalDeadline: assignment.deadline,
    signedAt: null,
    startedAt: null,
    repliedAt: null,
    returnedAt: null,
    returnReason: null,
    replyText: null,
    outcome: null,
    outcomeReason: null,
    handlingRole: 'lead',
    leadAssignmentId: null,
    coHandlers: [],
    extension: null,
    pause: null,
    redoCount: 0,
    notices: [],
    supplements: [],
    withdrawalReason: null,
  } satisfies AssignmentEntity);
}

/**
 * Puts new assignments on their departments' lists (and, for a department integrated over Kafka, on its stream);
 * a repeated event leaves the existing one alone.
 */
@Injectable()
export class RecordAssignmentHandler {
  private readonly logger = new Logger(RecordAssignmentHandler.name);

  constructor(
    private readonly streams: DepartmentStreams,
    private readonly webhooks: WebhookDeliveries,
  ) {}

  async execute(events: readonly DecodedEvent<typeof Events.caseAssigned>[], transaction: Sql): Promise<void> {
    const assignments = events.map(({ body, envelope }): NewAssignment => ({
      id: body.assignmentId,
      caseId: body.caseId,
      departmentCode: body.departmentCode,
      departmentName: body.departmentName,
      categoryCode: body.categoryCode,
      caseType: caseTypeName(body.caseType),
      channel: channelName(body.channel),
      trackingNumber: body.trackingNumber,
      description: body.description,
      regionCode: body.regionCode,
      deadline: timestampDate(body.deadline!),
      assignedAt: timestampDate(body.assignedAt!),
      correlationId: envelope.correlationId,
    }));
    const inserted = new Set((await insertAssignments.run(transaction, assignments)).map((row: { id: string }) => row.id));
    const recorded = assignments.filter(({ id }) => inserted.has(id));
    const streamed = recorded.filter((assignment) => this.streams.integrates(assignment.departmentCode));
    if (streamed.length > 0) await this.streams.appendSnapshots(transaction, streamed.map(startedAssignment), Events.caseAssigned.type);
    // Built only for the departments that take webhooks: most take neither webhooks nor a stream.
    const announced = recorded.filter((assignment) => this.webhooks.announces(assignment.departmentCode));
    if (announced.length > 0) await this.webhooks.enqueueNewWork(transaction, announced.map(startedAssignment));
    for (const assignment of recorded) {
      this.logger.log({
        msg: `assignment ${assignment.id} of case ${assignment.caseId} is on ${assignment.departmentCode}'s list`,
        correlationId: assignment.correlationId,
      });
    }
  }
}
