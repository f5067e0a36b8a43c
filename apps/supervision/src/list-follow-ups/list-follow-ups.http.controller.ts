import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chinaDateOf } from '@ugov/calendar';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { FOLLOW_UP_COLUMNS, FollowUpResponseDto, type FollowUpRow } from './follow-up.response.dto';
import { ListFollowUpsRequestDto } from './list-follow-ups.request.dto';

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/follow-ups')
export class ListFollowUpsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Follow-up calls (回访) due by a day, soonest first: those to make, or those recorded. */
  @Get()
  @Allow('supervisor')
  @ApiOkResponse({ type: [FollowUpResponseDto] })
  async list(@Query() query: ListFollowUpsRequestDto): Promise<FollowUpResponseDto[]> {
    const rows: FollowUpRow[] = await this.dataSource.query(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM supervision.follow_ups
        WHERE due_on <= $1::date AND (recorded_at IS NOT NULL) = $2
        ORDER BY due_on, closed_at, follow_up_id LIMIT $3`,
      [query.due ?? chinaDateOf(new Date()), query.status === 'recorded', query.limit],
    );
    return rows.map((row) => FollowUpResponseDto.of(row));
  }
}
