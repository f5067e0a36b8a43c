import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { WorkingCalendar } from '@ugov/calendar';
import { Allow, ApiProblemResponses, Operation } from '@ugov/platform';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';
import { DueDateRequestDto } from './due-date.request.dto';
import { DueDateResponseDto } from './due-date.response.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/calendar')
export class ComputeDueDateHttpController {
  constructor(@Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar) {}

  /** The last working day of a limit counted from the working day after acceptance, on the platform's calendar. */
  @Get('due')
  @Allow('integrator', 'department', 'dispatcher', 'supervisor')
  @Operation('compute-due-date')
  @ApiOkResponse({ type: DueDateResponseDto })
  due(@Query() query: DueDateRequestDto): DueDateResponseDto {
    return { dueOn: this.calendar.dueDate(query.acceptedOn, query.workingDays) };
  }
}
