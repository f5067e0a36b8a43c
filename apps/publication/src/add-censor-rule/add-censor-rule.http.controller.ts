import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '@ugov/platform';
import { CensorRuleEntity } from '../infra/censor-rule.entity';
import { AddCensorRuleHandler } from './add-censor-rule.handler';
import { AddCensorRuleRequestDto } from './add-censor-rule.request.dto';

@ApiTags('redaction')
@ApiBearerAuth()
@Controller('v1/censor-rules')
export class AddCensorRuleHttpController {
  constructor(private readonly handler: AddCensorRuleHandler) {}

  /** Text never to be published, for a case, a department or the site; applied to every reply redacted afterwards. */
  @Post()
  @Allow('reviewer', 'department', 'department-system')
  @ApiCreatedResponse({ type: CensorRuleEntity })
  async add(@CurrentPrincipal() principal: Principal, @Body() request: AddCensorRuleRequestDto): Promise<CensorRuleEntity> {
    return this.handler.execute(principal, request);
  }
}
