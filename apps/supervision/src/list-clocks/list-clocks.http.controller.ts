import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '@ugov/calendar';
import { actsForDepartment, Allow, ApiProblemResponses, CurrentPrincipal, hasRole, UuidParam, type Principal } from '@ugov/platform';
import { clockStatus, type ClockCycle } from '../domain/sla-clock';
import { definitionFor, type SlaDefinitions } from '../domain/sla-definitions';
import { WorkingTime } from '../domain/working-time';
import { clocksOfCase, openClocks } from '../infra/sla-clock.query';
import { SLA_DEFINITIONS } from '../infra/sla-definitions.provider';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';
import { ClockResponseDto } from './clock.response.dto';
import { departmentInScope } from './department-scope';
import { ListClocksRequestDto } from './list-clocks.request.dto';

/** SLA clocks for oversight staff and dispatchers; a department reads only the clocks of its own assignments. */
@ApiTags('clocks')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1')
export class ListClocksHttpController {
  private readonly time: WorkingTime;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WORKING_CALENDAR) calendar: WorkingCalendar,
    @Inject(SLA_DEFINITIONS) private readonly definitions: SlaDefinitions,
  ) {
    this.time = new WorkingTime(calendar);
  }

  /** Every clock of a case, every cycle, measured now. */
  @Get('cases/:id/clocks')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: [ClockResponseDto] })
  @ApiNotFoundResponse({ description: 'no clock of this case (that this caller may see)' })
  async ofCase(@CurrentPrincipal() principal: Principal, @UuidParam('id') caseId: string): Promise<ClockResponseDto[]> {
    const clocks = (await clocksOfCase(this.dataSource, caseId)).filter(
      ({ cycle }) =>
        hasRole(principal, 'supervisor') || hasRole(principal, 'dispatcher') || actsForDepartment(principal, cycle.subject.departmentCode),
    );
    if (clocks.length === 0) throw new NotFoundException(`no SLA clock for case ${caseId}`);
    return this.measured(clocks);
  }

  /** Open clocks, soonest due first: all of them, or only the breached ones. */
  @Get('clocks')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: [ClockResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListClocksRequestDto): Promise<ClockResponseDto[]> {
    const department = departmentInScope(principal, query.department, 'clocks');
    const clocks = await openClocks(this.dataSource, { breachedOnly: query.state === 'breached', department, limit: query.limit });
    return this.measured(clocks);
  }

  private measured(clocks: { cycle: ClockCycle }[]): ClockResponseDto[] {
    const now = new Date();
    return clocks
      .filter(({ cycle }) => definitionFor(this.definitions, cycle.subject) !== undefined)
      .map(({ cycle }) => ClockResponseDto.of(cycle, clockStatus(cycle, this.definitions, this.time, now), this.definitions.version));
  }
}
