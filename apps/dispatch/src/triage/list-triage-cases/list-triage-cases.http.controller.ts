import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Allow } from '@ugov/platform';
import { TriageCaseEntity } from '../../infra/triage-case.entity';
import { TriageCaseResponseDto } from '../triage-case.response.dto';
import { ListTriageCasesRequestDto } from './list-triage-cases.request.dto';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('v1/triage')
export class ListTriageCasesHttpController {
  constructor(@InjectRepository(TriageCaseEntity) private readonly triageCases: Repository<TriageCaseEntity>) {}

  /** The human triage queue (人工分拨), oldest first, so that nothing waits longest unseen. */
  @Get()
  @Allow('dispatcher')
  @ApiOkResponse({ type: [TriageCaseResponseDto] })
  async list(@Query() query: ListTriageCasesRequestDto): Promise<TriageCaseResponseDto[]> {
    const statuses = query.status === 'open' ? ['waiting', 'claimed'] : [query.status];
    const cases = await this.triageCases.find({ where: { status: In(statuses) }, order: { triagedAt: 'ASC' }, take: query.limit });
    return cases.map((triage) => TriageCaseResponseDto.of(triage));
  }
}
