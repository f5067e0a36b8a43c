import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { AuditVerificationResponseDto } from './audit-verification.response.dto';
import { verifyAuditChain } from './verify-audit-chain.query';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/audit')
export class VerifyAuditChainHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Re-verifies the audit chain of every timeline record and names the first broken link. */
  @Get('verify')
  @Allow('supervisor')
  @ApiOkResponse({ type: AuditVerificationResponseDto, description: 'ok false with firstBreak when the chain was tampered with' })
  async verify(): Promise<AuditVerificationResponseDto> {
    return AuditVerificationResponseDto.of(await verifyAuditChain(this.dataSource));
  }
}
