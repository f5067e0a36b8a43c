import type { Principal } from '@ugov/platform';
import type { Reply } from '../domain/assignment-workflow';

export class ReplyToAssignmentCommand {
  constructor(
    readonly assignmentId: string,
    readonly department: Principal,
    readonly reply: Reply,
  ) {}
}
