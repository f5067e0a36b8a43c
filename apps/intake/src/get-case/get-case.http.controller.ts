import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Allow, CurrentPrincipal, hasRole, Operation, type Principal, UuidParam } from '@ugov/platform';
import { CaseEntity } from '../infra/case.entity';
import { PersonalDataCipher } from '../infra/personal-data/personal-data.cipher';
import { CaseResponseDto } from './case.response.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class GetCaseHttpController {
  constructor(
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** An integrator sees only the cases it submitted; dispatchers and oversight staff see every case. Others' cases are "not found". */
  @Get(':id')
  @Allow('integrator', 'dispatcher', 'supervisor')
  @Operation('read-case')
  @ApiOkResponse({ type: CaseResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<CaseResponseDto> {
    const caseRecord = await this.cases.findOneBy({ id });
    if (!caseRecord || (hasRole(principal, 'integrator') && caseRecord.submittedBy !== principal.subject)) {
      throw new NotFoundException(`case ${id} not found`);
    }
    return CaseResponseDto.opening(caseRecord, this.cipher);
  }
}
