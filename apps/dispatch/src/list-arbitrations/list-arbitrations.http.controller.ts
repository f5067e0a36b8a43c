import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { listArbitrations } from '../infra/arbitrations.repository';
import { ArbitrationResponseDto } from './arbitration.response.dto';
import { ListArbitrationsRequestDto } from './list-arbitrations.request.dto';

@ApiTags('arbitration')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/arbitrations')
export class ListArbitrationsHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Cases returned too often, or with no department left, waiting for a dispatcher (派单争议审核); or those decided. */
  @Get()
  @Allow('dispatcher')
  @ApiOkResponse({ type: [ArbitrationResponseDto] })
  async list(@Query() query: ListArbitrationsRequestDto): Promise<ArbitrationResponseDto[]> {
    const arbitrations = await listArbitrations(this.dataSource, query.status === 'decided', query.limit ?? 100);
    return arbitrations.map((arbitration) => ArbitrationResponseDto.of(arbitration));
  }
}
