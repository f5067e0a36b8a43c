import { Injectable, type Type } from '@nestjs/common';
import type { DepartmentCommand } from '@ugov/contracts';
import { RequestValidationError, uuidProblemOf, validateRequestBody, type Principal } from '@ugov/platform';
import type { EntityManager } from 'typeorm';
import { AcknowledgeNoticesHandler } from '../acknowledge-notice/acknowledge-notice.handler';
import { ConsultThirdPartyHandler } from '../consult-third-party/consult-third-party.handler';
import { ConsultThirdPartyRequestDto } from '../consult-third-party/consult-third-party.request.dto';
import { EndConsultationHandler } from '../end-consultation/end-consultation.handler';
import { EndConsultationRequestDto } from '../end-consultation/end-consultation.request.dto';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import { RecordClarificationHandler } from '../record-clarification/record-clarification.handler';
import { RecordClarificationRequestDto } from '../record-clarification/record-clarification.request.dto';
import { ReplyToAssignmentHandler } from '../reply-to-assignment/reply-to-assignment.handler';
import { ReplyToAssignmentRequestDto } from '../reply-to-assignment/reply-to-assignment.request.dto';
import { RequestClarificationHandler } from '../request-clarification/request-clarification.handler';
import { RequestClarificationRequestDto } from '../request-clarification/request-clarification.request.dto';
import { RequestExtensionHandler } from '../request-extension/request-extension.handler';
import { RequestExtensionRequestDto } from '../request-extension/request-extension.request.dto';
import { ReturnAssignmentHandler } from '../return-assignment/return-assignment.handler';
import { ReturnAssignmentRequestDto } from '../return-assignment/return-assignment.request.dto';
import { SignAssignmentHandler } from '../sign-assignment/sign-assignment.handler';
import { StartHandlingHandler } from '../start-handling/start-handling.handler';
import { SubmitPartHandler } from '../submit-part/submit-part.handler';
import { SubmitPartRequestDto } from '../submit-part/submit-part.request.dto';

type CommandCase = NonNullable<DepartmentCommand['command']['case']>;

interface Route {
  /** The REST route's body class: the command's fields are checked by its rules, as the route checks them. */
  readonly body?: Type;
  readonly execute: (command: AssignmentCommand<never>, options: RunOptions) => Promise<AssignmentEntity>;
}

/** A field refused as a REST route would refuse it (path parameters included). */
function checkField(field: string, problem: string | undefined): void {
  if (problem) throw new RequestValidationError([{ field, reason: problem }]);
}

/**
 * A department's command from its Kafka topic, executed by the very handler its REST route uses, its fields
 * checked by the very rules the route's body and path are checked by. Runs in the caller's transaction.
 */
@Injectable()
export class DepartmentCommandHandler {
  private readonly routes: Record<CommandCase, Route>;

  constructor(
    sign: SignAssignmentHandler,
    start: StartHandlingHandler,
    returnAssignment: ReturnAssignmentHandler,
    reply: ReplyToAssignmentHandler,
    requestExtension: RequestExtensionHandler,
    requestClarification: RequestClarificationHandler,
    recordClarification: RecordClarificationHandler,
    consult: ConsultThirdPartyHandler,
    endConsultation: EndConsultationHandler,
    submitPart: SubmitPartHandler,
    acknowledgeNotices: AcknowledgeNoticesHandler,
  ) {
    const route = (handler: { execute: Route['execute'] }, body?: Type): Route => ({
      body,
      execute: (command, options) => handler.execute(command, options),
    });
    this.routes = {
      sign: route(sign),
      start: route(start),
      returnAssignment: route(returnAssignment, ReturnAssignmentRequestDto),
      reply: route(reply, ReplyToAssignmentRequestDto),
      requestExtension: route(requestExtension, RequestExtensionRequestDto),
      requestClarification: route(requestClarification, RequestClarificationRequestDto),
      recordClarification: route(recordClarification, RecordClarificationRequestDto),
      consult: route(consult, ConsultThirdPartyRequestDto),
      endConsultation: route(endConsultation, EndConsultationRequestDto),
      submitPart: route(submitPart, SubmitPartRequestDto),
      acknowledgeNotices: route(acknowledgeNotices),
    };
  }

  async execute(
    command: DepartmentCommand,
    department: Principal,
    transaction: EntityManager,
    options: RunOptions,
  ): Promise<AssignmentEntity> {
    checkField('assignmentId', uuidProblemOf('assignmentId', command.assignmentId));
    const { case: name, value } = command.command;
    if (!name)
      throw new RequestValidationError([{ field: 'command', reason: 'command must be one of the commands DepartmentCommand lists' }]);
    const route = this.routes[name];
    const fields = Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$typeName'));
    const request = route.body ? await validateRequestBody(route.body, fields) : undefined;
    return route.execute(new AssignmentCommand(command.assignmentId, department, request as never), { ...options, within: transaction });
  }
}
