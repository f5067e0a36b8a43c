import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Events, NoticeKind, timestampFromDate } from '@ugov/contracts';
import { issueNotice } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand } from '../infra/assignment-transitions';
import type { IssueNoticeRequestDto } from './issue-notice.request.dto';

const KINDS = { 'supervision-order': NoticeKind.SUPERVISION_ORDER, reminder: NoticeKind.REMINDER } as const;

@Injectable()
export class IssueNoticeHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<IssueNoticeRequestDto>): Promise<AssignmentEntity> {
    return this.transitions.run(assignmentId, caller, (assignment, { at }) => {
      const noticeId = randomUUID();
      const noticed = issueNotice(assignment, { id: noticeId, kind: request.kind, text: request.text }, at);
      const event = eventOf(Events.noticeIssued, {
        ...assignmentRefOf(noticed),
        noticeId,
        kind: KINDS[request.kind],
        text: request.text,
        issuedAt: timestampFromDate(at),
      });
      return { changed: [noticed], events: [event] };
    });
  }
}
