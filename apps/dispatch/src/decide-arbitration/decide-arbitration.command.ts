import type { Principal } from '@ugov/platform';

export class DecideArbitrationCommand {
  constructor(
    readonly caseId: string,
    readonly departmentCode: string,
    readonly reason: string,
    readonly dispatcher: Principal,
  ) {}
}
