import type { Principal } from '@ugov/platform';
import type { RouteTriageCaseRequestDto } from './route-triage-case.request.dto';

export class RouteTriageCaseCommand {
  constructor(
    readonly caseId: string,
    readonly dispatcher: Principal,
    readonly routing: RouteTriageCaseRequestDto,
  ) {}
}
