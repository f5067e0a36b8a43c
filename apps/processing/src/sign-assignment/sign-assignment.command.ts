import type { Principal } from '@ugov/platform';

export class SignAssignmentCommand {
  constructor(
    readonly assignmentId: string,
    readonly department: Principal,
  ) {}
}
